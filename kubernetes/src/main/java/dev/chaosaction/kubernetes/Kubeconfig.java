package dev.chaosaction.kubernetes;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.AuthProviderConfig;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.api.model.NamedExtension;
import io.fabric8.kubernetes.api.model.Preferences;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A kubeconfig's parsed tree (YAML read into maps and lists) as fabric8's kubeconfig model, field by field, as
 * Jackson would bind it: every field of kubectl's format (clusters, contexts, users with tokens, token files,
 * client certificates, exec and auth-provider plugins, impersonation, extensions, preferences), scalars coerced to
 * the strings and booleans the model holds, unknown keys kept as additional properties. Bound by hand because
 * Jackson builds a deserializer per model class by introspection in every fresh process, which no AOT cache
 * keeps: that was a third of the Kubernetes client's first call.
 *
 * Extensions (rare: minikube writes one) are bound by Jackson itself, whose reading of their values as resources
 * this does not repeat.
 *
 * <p>What is not a kubeconfig (a list where a map belongs, a map where a string does) is an {@link
 * IllegalArgumentException}, as Jackson's binding would fail.
 */
final class Kubeconfig {
    private final KubernetesSerialization extensions;

    private Kubeconfig(KubernetesSerialization extensions) {
        this.extensions = extensions;
    }

    /** @param serialization binds the extensions */
    static Config bind(Object tree, KubernetesSerialization serialization) {
        return new Kubeconfig(serialization).config(tree);
    }

    private Config config(Object tree) {
        Config config = new Config();
        fields(tree, "kubeconfig", config::setAdditionalProperty, Map.of(
                "apiVersion", v -> config.setApiVersion(string(v)),
                "kind", v -> config.setKind(string(v)),
                "clusters", v -> config.setClusters(list(v, this::namedCluster)),
                "contexts", v -> config.setContexts(list(v, this::namedContext)),
                "users", v -> config.setUsers(list(v, this::namedUser)),
                "current-context", v -> config.setCurrentContext(string(v)),
                "preferences", v -> config.setPreferences(preferences(v)),
                "extensions", v -> config.setExtensions(list(v, this::extension))));
        return config;
    }

    private NamedCluster namedCluster(Object tree) {
        NamedCluster named = new NamedCluster();
        fields(tree, "cluster entry", named::setAdditionalProperty, Map.of(
                "name", v -> named.setName(string(v)),
                "cluster", v -> named.setCluster(cluster(v))));
        return named;
    }

    private Cluster cluster(Object tree) {
        Cluster cluster = new Cluster();
        fields(tree, "cluster", cluster::setAdditionalProperty, Map.of(
                "server", v -> cluster.setServer(string(v)),
                "certificate-authority", v -> cluster.setCertificateAuthority(string(v)),
                "certificate-authority-data", v -> cluster.setCertificateAuthorityData(string(v)),
                "insecure-skip-tls-verify", v -> cluster.setInsecureSkipTlsVerify(bool(v)),
                "tls-server-name", v -> cluster.setTlsServerName(string(v)),
                "proxy-url", v -> cluster.setProxyUrl(string(v)),
                "disable-compression", v -> cluster.setDisableCompression(bool(v)),
                "extensions", v -> cluster.setExtensions(list(v, this::extension))));
        return cluster;
    }

    private NamedContext namedContext(Object tree) {
        NamedContext named = new NamedContext();
        fields(tree, "context entry", named::setAdditionalProperty, Map.of(
                "name", v -> named.setName(string(v)),
                "context", v -> named.setContext(context(v))));
        return named;
    }

    private Context context(Object tree) {
        Context context = new Context();
        fields(tree, "context", context::setAdditionalProperty, Map.of(
                "cluster", v -> context.setCluster(string(v)),
                "user", v -> context.setUser(string(v)),
                "namespace", v -> context.setNamespace(string(v)),
                "extensions", v -> context.setExtensions(list(v, this::extension))));
        return context;
    }

    private NamedAuthInfo namedUser(Object tree) {
        NamedAuthInfo named = new NamedAuthInfo();
        fields(tree, "user entry", named::setAdditionalProperty, Map.of(
                "name", v -> named.setName(string(v)),
                "user", v -> named.setUser(user(v))));
        return named;
    }

    private AuthInfo user(Object tree) {
        AuthInfo user = new AuthInfo();
        Map<String, Field> fields = new LinkedHashMap<>();
        fields.put("client-certificate", v -> user.setClientCertificate(string(v)));
        fields.put("client-certificate-data", v -> user.setClientCertificateData(string(v)));
        fields.put("client-key", v -> user.setClientKey(string(v)));
        fields.put("client-key-data", v -> user.setClientKeyData(string(v)));
        fields.put("token", v -> user.setToken(string(v)));
        fields.put("tokenFile", v -> user.setTokenFile(string(v)));
        fields.put("username", v -> user.setUsername(string(v)));
        fields.put("password", v -> user.setPassword(string(v)));
        fields.put("as", v -> user.setAs(string(v)));
        fields.put("as-uid", v -> user.setAsUid(string(v)));
        fields.put("as-groups", v -> user.setAsGroups(list(v, Kubeconfig::string)));
        fields.put("as-user-extra", v -> user.setAsUserExtra(map(v, value -> list(value, Kubeconfig::string))));
        fields.put("auth-provider", v -> user.setAuthProvider(authProvider(v)));
        fields.put("exec", v -> user.setExec(exec(v)));
        fields.put("extensions", v -> user.setExtensions(list(v, this::extension)));
        fields(tree, "user", user::setAdditionalProperty, fields);
        return user;
    }

    private static AuthProviderConfig authProvider(Object tree) {
        AuthProviderConfig provider = new AuthProviderConfig();
        fields(tree, "auth-provider", provider::setAdditionalProperty, Map.of(
                "name", v -> provider.setName(string(v)),
                "config", v -> provider.setConfig(map(v, Kubeconfig::string))));
        return provider;
    }

    private static ExecConfig exec(Object tree) {
        ExecConfig exec = new ExecConfig();
        fields(tree, "exec", exec::setAdditionalProperty, Map.of(
                "apiVersion", v -> exec.setApiVersion(string(v)),
                "command", v -> exec.setCommand(string(v)),
                "args", v -> exec.setArgs(list(v, Kubeconfig::string)),
                "env", v -> exec.setEnv(list(v, Kubeconfig::envVar)),
                "installHint", v -> exec.setInstallHint(string(v)),
                "interactiveMode", v -> exec.setInteractiveMode(string(v)),
                "provideClusterInfo", v -> exec.setProvideClusterInfo(bool(v))));
        return exec;
    }

    private static ExecEnvVar envVar(Object tree) {
        ExecEnvVar variable = new ExecEnvVar();
        fields(tree, "exec env entry", variable::setAdditionalProperty, Map.of(
                "name", v -> variable.setName(string(v)),
                "value", v -> variable.setValue(string(v))));
        return variable;
    }

    private Preferences preferences(Object tree) {
        Preferences preferences = new Preferences();
        fields(tree, "preferences", preferences::setAdditionalProperty, Map.of(
                "colors", v -> preferences.setColors(bool(v)),
                "extensions", v -> preferences.setExtensions(list(v, this::extension))));
        return preferences;
    }

    private NamedExtension extension(Object tree) {
        return extensions.convertValue(tree, NamedExtension.class);
    }

    @FunctionalInterface
    private interface Field {
        void set(Object value);
    }

    /** Each key of a map to its field, null values left unset; a key without a field to {@code other}. */
    private static void fields(Object tree, String what, BiConsumer<String, Object> other, Map<String, Field> fields) {
        if (tree == null) return;
        if (!(tree instanceof Map<?, ?> map)) throw new IllegalArgumentException(what + " is not a map");
        map.forEach((key, value) -> {
            Field field = fields.get(String.valueOf(key));
            if (field == null) other.accept(String.valueOf(key), value);
            else if (value != null) field.set(value);
        });
    }

    private static <T> List<T> list(Object tree, Function<Object, T> element) {
        if (!(tree instanceof List<?> list)) throw new IllegalArgumentException("not a list: " + kind(tree));
        return list.stream().map(e -> e == null ? null : element.apply(e)).toList();
    }

    private static <T> Map<String, T> map(Object tree, Function<Object, T> value) {
        if (!(tree instanceof Map<?, ?> map)) throw new IllegalArgumentException("not a map: " + kind(tree));
        Map<String, T> bound = new LinkedHashMap<>();
        map.forEach((k, v) -> bound.put(String.valueOf(k), v == null ? null : value.apply(v)));
        return bound;
    }

    /** A scalar as Jackson coerces it to a string; a map or a list is not one. */
    private static String string(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) return value.toString();
        throw new IllegalArgumentException("not a string: " + kind(value));
    }

    private static Boolean bool(Object value) {
        if (value instanceof Boolean b) return b;
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.valueOf(s);
        }
        throw new IllegalArgumentException("not a boolean: " + kind(value));
    }

    /** The type, never the value: a kubeconfig's values are secrets. */
    private static String kind(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
