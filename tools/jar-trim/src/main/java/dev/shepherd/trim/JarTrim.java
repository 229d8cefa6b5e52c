package dev.shepherd.trim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.InnerClassesAttribute;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.FieldRefEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.reflect.AccessFlag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Cuts the AWS SDK service modules in a shaded Lambda jar down to the operations the jar's own code calls.
 *
 * <p>A generated client ({@code SsmClient}, {@code DefaultSsmClient}, …) has one method per operation, and each method
 * names that operation's request, response, marshaller and paginator classes. So no class-level shrinker can drop an
 * operation, and HotSpot, verifying a client class whole, loads the model classes of every operation at the first
 * client built (SSM: ~550 classes). This tool removes the operation methods nobody calls from the client classes of
 * each service package ({@code software/amazon/awssdk/services/<service>/}), then drops the classes of those packages
 * that nothing reachable names any more.
 *
 * <p>Reachability is a fixed point. Roots are every class outside the service packages (none is removed or changed),
 * every class a resource names (ServiceLoader files, the SDK's {@code execution.interceptors} lists) and every class a
 * string constant of a reachable class names ({@code Class.forName}). An operation method is kept when any reachable
 * class refers to its name and descriptor, whatever the owner (so a subclass or a method handle counts too). An
 * operation is an instance method named like one whose descriptor names the service's model; constructors, static
 * methods ({@code builder()}) and other methods are always kept, private ones when a kept method of the class calls
 * them. Modeled exceptions no kept operation declares lose their registration (see
 * {@link #withoutRegistrations}). The result is checked before it is written: every class a kept class names
 * exists, and every operation a kept class calls is declared by its owner or a supertype; otherwise the build fails.
 *
 * <p>One exception to "a resource names it": the SDK's own warm-up ({@code SdkWarmUp}) finds per-service providers by
 * ServiceLoader, and each provider builds the sync and async clients. Shepherd primes with its own {@code Priming} and
 * never calls the SDK's warm-up, which is checked here (no class outside the SDK core names it); its providers and
 * their ServiceLoader lines are dropped.
 *
 * <p>When the jar carries a list of the Log4j plugins its configuration uses, Log4j's plugin index is cut to those
 * ({@link Log4jPlugins}).
 */
public final class JarTrim {

    static final String SERVICES = "software/amazon/awssdk/services/";
    static final String AWS_SERVICE_EXCEPTION = "software/amazon/awssdk/awscore/exception/AwsServiceException";
    static final String EXCEPTION_METADATA = "software/amazon/awssdk/protocols/core/ExceptionMetadata";
    static final String WARM_UP = "software/amazon/awssdk/core/warmup/SdkWarmUp";
    static final String WARM_UP_PROVIDERS = "META-INF/services/software.amazon.awssdk.core.warmup.SdkWarmUpProvider";
    /** A fixed entry time, so the same input gives the same jar. */
    private static final LocalDateTime EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][\\w$]*(?:[./][A-Za-z_$][\\w$]*)+");

    /** What a trim did, for the build log and the tests. */
    public record Result(int classesBefore, int classesAfter, Map<String, int[]> perService,
                         Map<String, Set<String>> keptOperations, int[] log4jPlugins) {
        String summary() {
            StringBuilder s = new StringBuilder("service classes %,d -> %,d".formatted(classesBefore, classesAfter));
            perService.forEach((svc, n) -> s.append("; %s %,d -> %,d".formatted(svc, n[0], n[1])));
            if (log4jPlugins != null) {
                s.append("; Log4j plugins %d -> %d".formatted(log4jPlugins[0], log4jPlugins[1]));
            }
            return s.toString();
        }
    }

    private final Map<String, byte[]> entries;
    private final Map<String, String> classToEntry = new HashMap<>();
    private final ClassFile rewriter;
    private final Map<String, ClassModel> models = new HashMap<>();
    private final Map<String, byte[]> rewritten = new HashMap<>();
    private final Map<String, Set<String>> operationNames = new HashMap<>();
    private final Map<String, Optional<DirectMethodHandleDesc>> baseExceptionBuilders = new HashMap<>();

    private JarTrim(Map<String, byte[]> entries) {
        this.entries = entries;
        for (String entry : entries.keySet()) {
            if (entry.endsWith(".class") && !entry.startsWith("META-INF/")) {
                classToEntry.put(entry.substring(0, entry.length() - ".class".length()), entry);
            }
        }
        // Stack maps of the kept methods may be recomputed in the new constant pool: resolve from the jar itself.
        ClassHierarchyResolver fromJar = ClassHierarchyResolver.ofResourceParsing(
                (ClassDesc d) -> {
                    String entry = classToEntry.get(internalName(d));
                    return entry == null ? null : (InputStream) new ByteArrayInputStream(entries.get(entry));
                }).orElse(ClassHierarchyResolver.defaultResolver());
        this.rewriter = ClassFile.of(ClassFile.ConstantPoolSharingOption.NEW_POOL,
                ClassFile.ClassHierarchyResolverOption.of(fromJar));
    }

    /** Trims {@code jar} in place. */
    public static Result trim(Path jar) throws IOException {
        Map<String, byte[]> entries = read(jar);
        JarTrim trim = new JarTrim(entries);
        Map<String, byte[]> out = new LinkedHashMap<>();
        Result result = trim.run(out);
        Path tmp = jar.resolveSibling(jar.getFileName() + ".trim");
        write(out, tmp);
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        return result;
    }

    /** Fails as {@link #trim} would when {@code after}, cut from {@code before}, would not link. */
    static void verify(Map<String, byte[]> before, Map<String, byte[]> after) {
        new JarTrim(before).check(after);
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: JarTrim JAR...   (each jar is trimmed in place)");
            System.exit(2);
        }
        for (String arg : args) {
            Path jar = Path.of(arg);
            long before = Files.size(jar);
            Result r = trim(jar);
            System.out.printf("jar-trim %s: %.2f MB -> %.2f MB; %s%n", jar.getFileName(), before / 1e6,
                    Files.size(jar) / 1e6, r.summary());
        }
    }

    private Result run(Map<String, byte[]> out) {
        checkNoWarmUpCaller();
        Set<String> warmUpProviders = warmUpProviders();
        Set<String> namedByRoots = namedByRoots(warmUpProviders);
        Map<String, Set<String>> used = new HashMap<>();
        Set<String> reachable;
        while (true) {
            rewriteClients(used, namedByRoots);
            reachable = reachable(namedByRoots);
            Map<String, Set<String>> next = operationsCalled(reachable);
            if (next.equals(used)) {
                break;
            }
            used = next;
        }
        Set<String> removed = new HashSet<>();
        int[] log4jPlugins = null;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String entry = e.getKey();
            String cls = className(entry);
            if (cls != null && serviceOf(cls) != null && !reachable.contains(cls)) {
                removed.add(cls);
                continue;
            }
            if (entry.equals(Log4jPlugins.INDEX) && entries.containsKey(Log4jPlugins.LIST)) {
                Log4jPlugins all = Log4jPlugins.read(e.getValue());
                Log4jPlugins kept = all.keeping(listed(entries.get(Log4jPlugins.LIST)));
                log4jPlugins = new int[] {all.size(), kept.size()};
                out.put(entry, kept.bytes());
                continue;
            }
            if (entry.equals(WARM_UP_PROVIDERS)) {
                String kept = withoutLines(e.getValue(), warmUpProviders);
                if (!kept.isBlank()) {
                    out.put(entry, kept.getBytes(StandardCharsets.UTF_8));
                }
                continue;
            }
            out.put(entry, cls != null && rewritten.containsKey(cls) ? rewritten.get(cls) : e.getValue());
        }
        check(out);
        return result(removed, used, log4jPlugins);
    }

    /**
     * The client classes of each service with only the operations in {@code used} (and everything else), and without
     * the registrations of modeled exceptions that no kept operation declares and no code outside the service names.
     */
    private void rewriteClients(Map<String, Set<String>> used, Set<String> namedByRoots) {
        Map<String, Set<String>> keep = new HashMap<>();
        Set<String> declared = new HashSet<>();
        for (String cls : classToEntry.keySet()) {
            String svc = serviceOf(cls);
            if (svc != null && isClient(cls, svc)) {
                Set<String> methods = keptMethods(cls, svc, used.getOrDefault(svc, Set.of()));
                keep.put(cls, methods);
                for (MethodModel m : model(cls).methods()) {
                    if (methods.contains(key(m)) && isOperation(m, operationNames(cls, svc))) {
                        m.findAttribute(Attributes.exceptions()).ifPresent(a -> a.exceptions()
                                .forEach(c -> declared.add(c.asInternalName())));
                    }
                }
            }
        }
        Function<String, DirectMethodHandleDesc> unregister = e -> declared.contains(e) || namedByRoots.contains(e)
                ? null : baseExceptionBuilder(e);
        keep.forEach((cls, methods) -> rewritten.put(cls, withoutStaleInnerClasses(model(cls),
                ClassTransform.dropping(e -> e instanceof MethodModel m && !methods.contains(key(m)))
                        .andThen(ClassTransform.transformingMethodBodies(withoutRegistrations(unregister))))));
    }

    /**
     * For a modeled exception of a service, {@code builder()} of the service's base exception (the one model class
     * that extends {@code AwsServiceException} directly); null for any other class.
     */
    private DirectMethodHandleDesc baseExceptionBuilder(String cls) {
        String svc = serviceOf(cls);
        if (svc == null || !classToEntry.containsKey(cls)) {
            return null;
        }
        return baseExceptionBuilders.computeIfAbsent(svc, s -> {
            List<String> bases = classToEntry.keySet().stream()
                    .filter(c -> c.startsWith(SERVICES + s + "/model/") && AWS_SERVICE_EXCEPTION.equals(superName(c)))
                    .toList();
            if (bases.size() != 1) {
                return Optional.empty();
            }
            return model(bases.get(0)).methods().stream()
                    .filter(m -> m.flags().has(AccessFlag.STATIC) && m.methodName().equalsString("builder")
                            && m.methodType().stringValue().startsWith("()"))
                    .findFirst()
                    .map(m -> MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC,
                            ClassDesc.ofInternalName(bases.get(0)), "builder", m.methodTypeSymbol()));
        }).filter(base -> !base.owner().equals(ClassDesc.ofInternalName(cls)) && extendsBase(cls, base.owner()))
                .orElse(null);
    }

    private boolean extendsBase(String cls, ClassDesc base) {
        for (String c = cls; c != null && classToEntry.containsKey(c); c = superName(c)) {
            if (ClassDesc.ofInternalName(c).equals(base)) {
                return true;
            }
        }
        return false;
    }

    private String superName(String cls) {
        return model(cls).superclass().map(ClassEntry::asInternalName).orElse(null);
    }

    /** The methods of a client class that stay: all but the operations not in {@code operations}. */
    private Set<String> keptMethods(String cls, String svc, Set<String> operations) {
        ClassModel model = model(cls);
        Set<String> names = operationNames(cls, svc);
        Set<String> keep = new HashSet<>();
        for (MethodModel m : model.methods()) {
            String key = key(m);
            if (!m.flags().has(AccessFlag.PRIVATE) && !(isOperation(m, names) && !operations.contains(key))) {
                keep.add(key);
            }
        }
        // Private helpers (lambda bodies, shared plumbing) stay when a kept method reaches them.
        while (true) {
            byte[] bytes = rewriter.transformClass(model, ClassTransform.dropping(
                    e -> e instanceof MethodModel m && !keep.contains(key(m))));
            boolean grew = false;
            for (PoolEntry p : rewriter.parse(bytes).constantPool()) {
                if (p instanceof MemberRefEntry ref && ref.owner().asInternalName().equals(cls)
                        && !(ref instanceof FieldRefEntry)) {
                    grew |= keep.add(ref.name().stringValue() + ref.type().stringValue());
                }
            }
            if (!grew) {
                return keep;
            }
        }
    }

    /**
     * Unregisters the modeled exceptions for which {@code unregister} gives the base exception's builder. Each
     * {@code registerModeledException(ExceptionMetadata.builder() … exceptionBuilderSupplier(X::builder) … build())}
     * run of such an X goes whole: the Query and XML protocol clients register every modeled exception when built,
     * which loads each exception class (ELBv2: 114 at a hook's init). Such a run takes the protocol factory's builder
     * from the stack and leaves it there; a run with a branch or label in it is left in place. Everywhere else (the
     * JSON clients map an error code to its exception in a switch, when an error arrives) {@code X::builder} becomes
     * the base exception's {@code builder}. Either way an error code no kept operation declares arrives as the
     * service's base exception, with its code and status, as any code the model does not know does.
     */
    private static CodeTransform withoutRegistrations(Function<String, DirectMethodHandleDesc> unregister) {
        return CodeTransform.ofStateful(() -> new CodeTransform() {
            private List<CodeElement> run;
            private String exception;
            private boolean straight;

            @Override
            public void accept(CodeBuilder b, CodeElement e) {
                if (run == null) {
                    if (e instanceof InvokeInstruction i && i.opcode() == Opcode.INVOKESTATIC
                            && i.owner().asInternalName().equals(EXCEPTION_METADATA)
                            && i.name().equalsString("builder")) {
                        run = new ArrayList<>(List.of(e));
                        exception = null;
                        straight = true;
                    } else {
                        emit(b, e);
                    }
                    return;
                }
                run.add(e);
                if (e instanceof LabelTarget || e instanceof BranchInstruction
                        || e instanceof InvokeInstruction i && i.opcode() == Opcode.INVOKESTATIC
                        && i.owner().asInternalName().equals(EXCEPTION_METADATA)) {
                    straight = false;
                }
                DirectMethodHandleDesc builder = e instanceof InvokeDynamicInstruction indy ? builderOf(indy) : null;
                if (builder != null) {
                    exception = internalName(builder.owner());
                }
                if (e instanceof InvokeInstruction i && i.name().equalsString("registerModeledException")) {
                    if (!(straight && exception != null && unregister.apply(exception) != null)) {
                        run.forEach(x -> emit(b, x));
                    }
                    run = null;
                }
            }

            @Override
            public void atEnd(CodeBuilder b) {
                if (run != null) {
                    run.forEach(x -> emit(b, x));
                }
            }

            /** {@code X::builder} as {@code Base::builder} where X is unregistered; anything else as it is. */
            private void emit(CodeBuilder b, CodeElement e) {
                DirectMethodHandleDesc builder = e instanceof InvokeDynamicInstruction indy ? builderOf(indy) : null;
                DirectMethodHandleDesc base = builder == null ? null : unregister.apply(internalName(builder.owner()));
                if (base == null) {
                    b.with(e);
                    return;
                }
                InvokeDynamicInstruction indy = (InvokeDynamicInstruction) e;
                ConstantDesc[] args = indy.bootstrapArgs().toArray(ConstantDesc[]::new);
                args[1] = base;
                args[2] = base.invocationType();
                b.invokedynamic(DynamicCallSiteDesc.of(indy.bootstrapMethod(), indy.name().stringValue(),
                        indy.typeSymbol(), args));
            }
        });
    }

    /** The {@code X::builder} of a {@code Supplier} lambda: LambdaMetafactory's (sam type, handle, instantiated). */
    private static DirectMethodHandleDesc builderOf(InvokeDynamicInstruction indy) {
        List<ConstantDesc> args = indy.bootstrapArgs();
        return indy.bootstrapMethod().methodName().equals("metafactory") && args.size() == 3
                && args.get(1) instanceof DirectMethodHandleDesc h && h.kind() == DirectMethodHandleDesc.Kind.STATIC
                && h.methodName().equals("builder") && h.invocationType().parameterCount() == 0 ? h : null;
    }

    /**
     * The class through {@code transform}, with an {@code InnerClasses} attribute that lists only the nested classes
     * still named (a client's lists every operation's request builder).
     */
    private byte[] withoutStaleInnerClasses(ClassModel model, ClassTransform transform) {
        ClassTransform dropMethods = transform.andThen(ClassTransform.dropping(e -> e instanceof InnerClassesAttribute));
        Set<String> named = new HashSet<>();
        for (PoolEntry p : rewriter.parse(rewriter.transformClass(model, dropMethods)).constantPool()) {
            if (p instanceof ClassEntry c) {
                named.add(c.asInternalName());
            }
        }
        return rewriter.transformClass(model, dropMethods.andThen(ClassTransform.endHandler(b -> model
                .findAttribute(Attributes.innerClasses())
                .map(a -> a.classes().stream().filter(i -> named.contains(i.innerClass().asInternalName())).toList())
                .filter(l -> !l.isEmpty())
                .ifPresent(l -> b.with(InnerClassesAttribute.of(l))))));
    }

    /** Service classes that a class outside the service packages, or a resource, names. */
    private Set<String> namedByRoots(Set<String> warmUpProviders) {
        Set<String> named = new HashSet<>();
        for (String cls : classToEntry.keySet()) {
            if (serviceOf(cls) == null) {
                for (PoolEntry p : pool(cls)) {
                    if (p instanceof Utf8Entry u && mentionsService(u.stringValue())) {
                        named.addAll(namesIn(u.stringValue()));
                    }
                }
            }
        }
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            // GraalVM's native-image hints list whole models (Powertools' SSM one names every SSM class); only the
            // native-image builder reads them, never a JVM.
            if (!e.getKey().endsWith(".class") && !e.getKey().endsWith("/")
                    && !e.getKey().startsWith("META-INF/native-image/")) {
                for (String cls : namesIn(new String(e.getValue(), StandardCharsets.ISO_8859_1))) {
                    if (!warmUpProviders.contains(cls)) {
                        named.add(cls);
                    }
                }
            }
        }
        return named;
    }

    /** Every class outside the service packages, what those and the resources name, and all that names in turn. */
    private Set<String> reachable(Set<String> namedByRoots) {
        Set<String> reachable = new HashSet<>(namedByRoots);
        for (String cls : classToEntry.keySet()) {
            if (serviceOf(cls) == null) {
                reachable.add(cls);
            }
        }
        Deque<String> work = new ArrayDeque<>(namedByRoots);
        while (!work.isEmpty()) {
            String cls = work.poll();
            for (PoolEntry p : pool(cls)) {
                if (p instanceof Utf8Entry u && mentionsService(u.stringValue())) {
                    for (String named : namesIn(u.stringValue())) {
                        if (reachable.add(named)) {
                            work.add(named);
                        }
                    }
                }
            }
        }
        return reachable;
    }

    /** Per service, the operations (name + descriptor) that reachable classes call. */
    private Map<String, Set<String>> operationsCalled(Set<String> reachable) {
        Map<String, Set<String>> used = new HashMap<>();
        for (String cls : reachable) {
            for (PoolEntry p : pool(cls)) {
                if (p instanceof MemberRefEntry ref) {
                    String type = ref.type().stringValue();
                    Set<String> services = servicesIn(type);
                    // An async client's Consumer overloads name no model type: its owner says whose it is.
                    String owner = serviceOf(ref.owner().asInternalName());
                    if (owner != null) {
                        services.add(owner);
                    }
                    for (String svc : services) {
                        used.computeIfAbsent(svc, s -> new HashSet<>()).add(ref.name().stringValue() + type);
                    }
                }
            }
        }
        return used;
    }

    private void checkNoWarmUpCaller() {
        for (String cls : classToEntry.keySet()) {
            if (cls.startsWith("software/amazon/awssdk/core/") || serviceOf(cls) != null) {
                continue;
            }
            for (PoolEntry p : pool(cls)) {
                if (p instanceof Utf8Entry u && u.stringValue().contains(WARM_UP)) {
                    throw new IllegalStateException(cls + " calls the SDK's warm-up (" + WARM_UP
                            + "), whose providers this trim drops: prime through core's Priming instead");
                }
            }
        }
    }

    private Set<String> warmUpProviders() {
        byte[] file = entries.get(WARM_UP_PROVIDERS);
        Set<String> providers = new HashSet<>();
        if (file != null) {
            listed(file).forEach(name -> providers.add(name.replace('.', '/')));
        }
        return providers;
    }

    /** Fails when the trimmed jar names a class it no longer has, or calls an operation its owner lost. */
    private void check(Map<String, byte[]> out) {
        Set<String> present = new HashSet<>();
        for (String entry : out.keySet()) {
            String cls = className(entry);
            if (cls != null) {
                present.add(cls);
            }
        }
        List<String> problems = new ArrayList<>();
        for (String entry : out.keySet()) {
            String cls = className(entry);
            if (cls == null) {
                continue;
            }
            ClassModel model = rewriter.parse(out.get(entry));
            for (PoolEntry p : model.constantPool()) {
                if (p instanceof Utf8Entry u && mentionsService(u.stringValue())) {
                    for (String named : namesIn(u.stringValue())) {
                        if (!present.contains(named)) {
                            problems.add(cls + " names removed " + named);
                        }
                    }
                }
                if (p instanceof MemberRefEntry ref && !(ref instanceof FieldRefEntry)) {
                    String owner = ref.owner().asInternalName();
                    String svc = serviceOf(owner);
                    if (svc != null && classToEntry.containsKey(owner) && isClient(owner, svc)
                            && operationNames(owner, svc).contains(ref.name().stringValue())
                            && !declares(out, owner, ref.name().stringValue() + ref.type().stringValue())) {
                        problems.add(cls + " calls " + owner + "." + ref.name().stringValue() + ", which was removed");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("trimmed jar would not link (" + problems.size() + "): "
                    + String.join("; ", problems.subList(0, Math.min(10, problems.size()))));
        }
    }

    /** Whether {@code cls} or a supertype in the jar declares the method. */
    private boolean declares(Map<String, byte[]> out, String cls, String key) {
        String entry = classToEntry.get(cls);
        byte[] bytes = entry == null ? null : out.get(entry);
        if (bytes == null) {
            return false;
        }
        ClassModel model = rewriter.parse(bytes);
        return model.methods().stream().anyMatch(m -> key(m).equals(key))
                || model.superclass().filter(s -> declares(out, s.asInternalName(), key)).isPresent()
                || model.interfaces().stream().anyMatch(i -> declares(out, i.asInternalName(), key));
    }

    private Result result(Set<String> removed, Map<String, Set<String>> used, int[] log4jPlugins) {
        Map<String, int[]> perService = new TreeMap<>();
        int before = 0;
        for (String cls : classToEntry.keySet()) {
            String svc = serviceOf(cls);
            if (svc != null) {
                before++;
                int[] n = perService.computeIfAbsent(svc, s -> new int[2]);
                n[0]++;
                if (!removed.contains(cls)) {
                    n[1]++;
                }
            }
        }
        Map<String, Set<String>> kept = new TreeMap<>();
        for (String cls : rewritten.keySet()) {
            String svc = serviceOf(cls);
            if (!removed.contains(cls)) {
                for (MethodModel m : rewriter.parse(rewritten.get(cls)).methods()) {
                    if (isOperation(m, operationNames(cls, svc))) {
                        kept.computeIfAbsent(svc, s -> new TreeSet<>()).add(m.methodName().stringValue());
                    }
                }
            }
        }
        return new Result(before, before - removed.size(), perService, kept, log4jPlugins);
    }

    // --- names -----------------------------------------------------------------------------------------------

    /** {@code ssm} for {@code software/amazon/awssdk/services/ssm/…}, otherwise null. */
    static String serviceOf(String cls) {
        if (!cls.startsWith(SERVICES)) {
            return null;
        }
        int end = cls.indexOf('/', SERVICES.length());
        return end < 0 ? null : cls.substring(SERVICES.length(), end);
    }

    /**
     * {@code SsmClient}, {@code DefaultSsmClient}, {@code SsmAsyncClient}, and the delegating clients some services
     * keep in internal packages (S3's cross-region and multipart clients): outside the model, a name ending in Client.
     */
    private static boolean isClient(String cls, String svc) {
        String rest = cls.substring(SERVICES.length() + svc.length() + 1);
        return rest.endsWith("Client") && rest.lastIndexOf('$') < 0 && !rest.startsWith("model/")
                && !rest.startsWith("paginators/") && !rest.startsWith("waiters/");
    }

    /**
     * An instance method named like an operation: some method of the client names the service's model, paginators or
     * waiters in its descriptor. The name, not the descriptor, decides, since an async client's Consumer overload
     * ({@code CompletableFuture deleteBucketPolicy(Consumer)}) names no model type.
     */
    private static boolean isOperation(MethodModel m, Set<String> operationNames) {
        String name = m.methodName().stringValue();
        return !m.flags().has(AccessFlag.STATIC) && !name.startsWith("<") && operationNames.contains(name);
    }

    private Set<String> operationNames(String cls, String svc) {
        return operationNames.computeIfAbsent(cls, c -> {
            Set<String> names = new HashSet<>();
            for (MethodModel m : model(c).methods()) {
                if (!m.flags().has(AccessFlag.STATIC) && servicesIn(m.methodType().stringValue()).contains(svc)) {
                    names.add(m.methodName().stringValue());
                }
            }
            return names;
        });
    }

    private static Set<String> servicesIn(String descriptor) {
        Set<String> found = new HashSet<>();
        int i = 0;
        while ((i = descriptor.indexOf(SERVICES, i)) >= 0) {
            int start = i + SERVICES.length();
            int slash = descriptor.indexOf('/', start);
            if (slash > start) {
                String rest = descriptor.substring(slash + 1);
                if (rest.startsWith("model/") || rest.startsWith("paginators/") || rest.startsWith("waiters/")) {
                    found.add(descriptor.substring(start, slash));
                }
            }
            i = start;
        }
        return found;
    }

    private static boolean mentionsService(String s) {
        return s.contains("awssdk/services/") || s.contains("awssdk.services.");
    }

    /**
     * Service classes of the jar that {@code text} names, as {@code a/b/C}, {@code La/b/C;} (also after
     * primitive descriptors, {@code IZLa/b/C;}) or {@code a.b.C}.
     */
    private List<String> namesIn(String text) {
        Set<String> known = classToEntry.keySet();
        List<String> found = new ArrayList<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            String token = m.group();
            // In a descriptor a class type may follow primitive ones with nothing between: (IZLa/b/C;)V.
            int start = 0;
            while (start < token.length() && "BCDFIJSZV".indexOf(token.charAt(start)) >= 0) {
                start++;
            }
            if (start < token.length() - 1 && token.charAt(start) == 'L') {
                String bare = token.substring(start + 1);
                if (known.contains(bare) && serviceOf(bare) != null) {
                    found.add(bare);
                }
            }
            String name = token.replace('.', '/');
            if (known.contains(name) && serviceOf(name) != null) {
                found.add(name);
            }
        }
        return found;
    }

    private static String className(String entry) {
        return entry.endsWith(".class") && !entry.startsWith("META-INF/")
                ? entry.substring(0, entry.length() - ".class".length()) : null;
    }

    private static String internalName(ClassDesc d) {
        String desc = d.descriptorString();
        return desc.startsWith("L") ? desc.substring(1, desc.length() - 1) : desc;
    }

    private static String key(MethodModel m) {
        return m.methodName().stringValue() + m.methodType().stringValue();
    }

    private ClassModel model(String cls) {
        return models.computeIfAbsent(cls, c -> rewriter.parse(entries.get(classToEntry.get(c))));
    }

    private Iterable<PoolEntry> pool(String cls) {
        byte[] bytes = rewritten.get(cls);
        return bytes != null ? rewriter.parse(bytes).constantPool() : model(cls).constantPool();
    }

    private static String withoutLines(byte[] file, Set<String> classes) {
        StringBuilder kept = new StringBuilder();
        for (String name : listed(file)) {
            if (!classes.contains(name.replace('.', '/'))) {
                kept.append(name).append('\n');
            }
        }
        return kept.toString();
    }

    /** The names a ServiceLoader-style file lists: one per line, {@code #} starts a comment. */
    static Set<String> listed(byte[] file) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : new String(file, StandardCharsets.UTF_8).split("\n")) {
            String name = line.replaceAll("#.*", "").trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    // --- zip -------------------------------------------------------------------------------------------------

    private static Map<String, byte[]> read(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (entries.put(e.getName(), in.readAllBytes()) != null) {
                    throw new IOException(jar + " holds " + e.getName() + " twice");
                }
            }
        }
        return entries;
    }

    private static void write(Map<String, byte[]> entries, Path jar) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTimeLocal(EPOCH);
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }
}
