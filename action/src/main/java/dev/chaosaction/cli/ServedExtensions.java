package dev.chaosaction.cli;

import dev.chaosaction.activity.FunctionLibrary;
import dev.chaosaction.activity.FunctionLibraryFactory;
import dev.chaosaction.activity.Signature;
import dev.chaosaction.aws.cloudwatch.CloudWatch;
import dev.chaosaction.aws.cloudwatch.CredentialScope;
import dev.chaosaction.kubernetes.Kubernetes;
import dev.chaosaction.prometheus.Prometheus;
import dev.chaosaction.servicelevels.ServiceLevels;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Chaos Toolkit extensions this command serves natively, in Java, with the package names and versions
 * whose functions they mirror: what {@code chaos info extensions} lists and {@code chaos discover} describes.
 * Nothing is ever installed.
 */
final class ServedExtensions {
    /** One served package. */
    record Extension(String name, String version, String target, String license, String description,
                     FunctionLibraryFactory library) {

        /** The functions served, read from the library's catalog (a library made without a cluster). */
        List<Signature> signatures() {
            try (FunctionLibrary functions = library.create(Map.of(), Map.of(), Map.of())) {
                return functions.signatures();
            }
        }
    }

    static final List<Extension> ALL = List.of(
            new Extension("chaostoolkit-kubernetes", "0.39.0", "kubernetes", "Apache-2.0",
                    "Kubernetes (served natively by chaos-action)", Kubernetes.libraryFactory()),
            new Extension(Prometheus.PACKAGE, Prometheus.VERSION, "prometheus", "Apache-2.0",
                    "Prometheus probes (served natively by chaos-action)", Prometheus.libraryFactory()),

            new Extension("chaostoolkit-aws", "0.35.1", "aws", "Apache-2.0",
                    "AWS: the CloudWatch probes (served natively by chaos-action)",
                    CloudWatch.libraryFactory(CredentialScope.OPERATOR)),

            new Extension("chaosaction-service-levels", "0.1.0", "http", "chaos-action's",
                    "Service levels measured by a paced load probe (chaos-action's own, no Chaos Toolkit package)",
                    ServiceLevels.libraryFactory()));

    private ServedExtensions() {}

    static Optional<Extension> find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    static String names() {
        return String.join(", ", ALL.stream().map(Extension::name).toList());
    }
}
