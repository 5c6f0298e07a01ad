package dev.chaosaction.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's index by name answers as the mock's scan of every resource would. */
class SandboxStoreTest {
    private final SandboxStore store = new SandboxStore();
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
                new HashMap<>(), store, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + server.getPort() + "/").withNamespace("a")
                .withRequestRetryBackoffLimit(0).build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void getsUpdatesAndDeletesByNameAsTheMockDoes() {
        // the same name in two namespaces, and a ConfigMap of that name too
        Pod inA = client.pods().inNamespace("a").resource(pod("web", "v1")).create();
        client.pods().inNamespace("b").resource(pod("web", "v1")).create();
        client.configMaps().inNamespace("a").resource(new ConfigMapBuilder().withNewMetadata().withName("web")
                .endMetadata().addToData("k", "v").build()).create();
        assertTrue(store.indexMatchesStore());

        assertEquals(inA.getMetadata().getUid(), client.pods().inNamespace("a").withName("web").get().getMetadata()
                .getUid());
        assertNull(client.pods().inNamespace("a").withName("db").get());
        assertEquals(409, assertThrows(KubernetesClientException.class,
                () -> client.pods().inNamespace("a").resource(pod("web", "v1")).create()).getCode());

        // a label change moves the resource to another key; lists by label follow it
        client.pods().inNamespace("a").withName("web").edit(p -> new PodBuilder(p).editMetadata()
                .addToLabels("version", "v2").endMetadata().build());
        assertTrue(store.indexMatchesStore());
        assertEquals(List.of("a"), client.pods().inAnyNamespace().withLabel("version", "v2").list().getItems()
                .stream().map(p -> p.getMetadata().getNamespace()).toList());

        assertEquals(1, client.pods().inNamespace("a").withName("web").delete().size());
        assertTrue(client.pods().inNamespace("a").withName("web").delete().isEmpty()); // 404: already gone
        assertNull(client.pods().inNamespace("a").withName("web").get());
        assertNotNull(client.pods().inNamespace("b").withName("web").get());
        assertNotNull(client.configMaps().inNamespace("a").withName("web").get());
        assertTrue(store.indexMatchesStore());
    }

    @Test
    void aResourceWithFinalizersIsOnlyMarkedForDeletion() {
        client.pods().inNamespace("a").resource(new PodBuilder(pod("kept", "v1")).editMetadata()
                .addToFinalizers("example.com/hold").endMetadata().build()).create();

        client.pods().inNamespace("a").withName("kept").delete();

        Pod marked = client.pods().inNamespace("a").withName("kept").get();
        assertNotNull(marked.getMetadata().getDeletionTimestamp());
        assertTrue(store.indexMatchesStore());
    }

    @Test
    void countsEveryChange() {
        long before = store.changes();
        client.pods().inNamespace("a").resource(pod("web", "v1")).create();
        client.pods().inNamespace("a").withName("web").delete();
        client.pods().inNamespace("a").withName("web").delete(); // nothing to delete: no change

        assertEquals(before + 2, store.changes());
    }

    private static Pod pod(String name, String version) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", name)
                .addToLabels("version", version).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx").endContainer().endSpec().build();
    }
}
