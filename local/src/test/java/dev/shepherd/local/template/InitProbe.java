package dev.shepherd.local.template;

/** Run in a fresh JVM on a function's Lambda jar: constructs the handler as Lambda's runtime does, at init. */
public final class InitProbe {
    private InitProbe() {
    }

    public static void main(String[] args) throws Exception {
        Class.forName(args[0]).getConstructor().newInstance();
        System.out.println("constructed " + args[0]);
    }
}
