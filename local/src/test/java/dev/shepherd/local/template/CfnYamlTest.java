package dev.shepherd.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Json;
import org.junit.jupiter.api.Test;

class CfnYamlTest {
    private static JsonNode parse(String yaml) {
        return CfnYaml.parse(yaml, "test.yaml");
    }

    @Test
    void shortFormIntrinsicsBecomeLongForm() {
        JsonNode t = parse("""
                Resources:
                  F:
                    Properties:
                      A: !Ref Environment
                      B: !GetAtt Key.Arn
                      C: !GetAtt [Key, Arn]
                      D: !Sub "arn:${AWS::Partition}:s3:::${Bucket}"
                      E: !If [IsProd, !Ref Big, !Ref AWS::NoValue]
                      F: !Join ["", [a, !Select [0, !Split [",", !Ref List]]]]
                      G: !GetAtt Service.Endpoint.Address
                Conditions:
                  IsProd: !Equals [!Ref Environment, prod]
                  NotProd: !Not [!Condition IsProd]
                """);
        JsonNode p = t.at("/Resources/F/Properties");
        assertThat(p.get("A")).isEqualTo(Json.parse("{\"Ref\": \"Environment\"}"));
        assertThat(p.get("B")).isEqualTo(Json.parse("{\"Fn::GetAtt\": [\"Key\", \"Arn\"]}"));
        assertThat(p.get("C")).isEqualTo(p.get("B"));
        assertThat(p.get("D")).isEqualTo(Json.parse("{\"Fn::Sub\": \"arn:${AWS::Partition}:s3:::${Bucket}\"}"));
        assertThat(p.get("E")).isEqualTo(Json.parse(
                "{\"Fn::If\": [\"IsProd\", {\"Ref\": \"Big\"}, {\"Ref\": \"AWS::NoValue\"}]}"));
        assertThat(p.get("F")).isEqualTo(Json.parse("""
                {"Fn::Join": ["", ["a", {"Fn::Select": ["0", {"Fn::Split": [",", {"Ref": "List"}]}]}]]}"""
                .replace("\"0\"", "0")));
        assertThat(p.get("G")).isEqualTo(Json.parse("{\"Fn::GetAtt\": [\"Service\", \"Endpoint.Address\"]}"));
        assertThat(t.at("/Conditions/NotProd")).isEqualTo(Json.parse("{\"Fn::Not\": [{\"Condition\": \"IsProd\"}]}"));
    }

    @Test
    void plainYamlTypesSurvive() {
        JsonNode t = parse("""
                A: 30
                B: "30"
                C: true
                D: [x, 1.5]
                E: !!str 42
                """);
        assertThat(t.get("A").isIntegralNumber()).isTrue();
        assertThat(t.get("B").isTextual()).isTrue();
        assertThat(t.get("C").asBoolean()).isTrue();
        assertThat(t.get("D").get(1).asDouble()).isEqualTo(1.5);
        assertThat(t.get("E").asText()).isEqualTo("42");
    }

    @Test
    void whatCloudFormationRejectsIsAnErrorWithTheLine() {
        assertThatThrownBy(() -> parse("A: 1\nB:\n  C: !Reff X\n"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("test.yaml line 3").hasMessageContaining("unknown tag !Reff");
        assertThatThrownBy(() -> parse("A: 1\nA: 2\n")).hasMessageContaining("duplicate key 'A'");
        assertThatThrownBy(() -> parse("A: &x 1\nB: *x\n")).hasMessageContaining("anchors and aliases");
        assertThatThrownBy(() -> parse("A: !GetAtt NoDot\n")).hasMessageContaining("!GetAtt needs Resource.Attribute");
        assertThatThrownBy(() -> parse("- a\n- b\n")).hasMessageContaining("mapping at the top level");
        assertThatThrownBy(() -> parse("A: [1, 2\n")).hasMessageContaining("malformed YAML");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
    }

    @Test
    void readsTheRealTemplate() {
        JsonNode t = CfnYaml.read(RepoFiles.template());
        assertThat(t.path("Resources").size()).isPositive();
        assertThat(t.toString()).doesNotContain("!Ref", "!Sub", "!GetAtt");
    }
}
