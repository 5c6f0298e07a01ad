package dev.chaosaction.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mock API server's in-memory store, with three additions.
 *
 * <p>A resource created with the annotation {@value #CREATED_AT} gets that creation time instead of "now". The
 * mock stamps creationTimestamp itself (to the second), so without this every seeded pod would be equally old and
 * "oldest first" would mean nothing.
 *
 * <p>The mock finds a resource by testing every stored one against the request, for a get or delete by name and
 * for each create, update and patch: a thousand deletes over a thousand pods are a million tests on the server's
 * one thread. This store keeps its keys by name too, so a request that names one resource tests the few stored
 * under that name. Where the mock would do more than find and remove one resource (finalizers, several matches,
 * a watch), the request takes the mock's own path.
 *
 * <p>And it counts the changes it applied, for the sandbox's controllers to tell whether anything happened since
 * they last looked.
 */
final class SandboxStore extends KubernetesCrudDispatcher {
    static final String CREATED_AT = "sandbox.chaos-action.dev/created-at";

    private final AtomicLong changes = new AtomicLong();
    /** Every stored key, by the resource's name, in the order the mock's map holds them. */
    private final Map<String, Set<AttributeSet>> byName = new HashMap<>();
    /** Taken around every request, outside the mock's own lock: a delete by name is then one step, as the mock's. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        return locked(lock.writeLock(), () -> super.handleCreate(request));
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return locked(lock.writeLock(), () -> super.handleUpdate(request));
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        return locked(lock.writeLock(), () -> super.handlePatch(request));
    }

    @Override
    public MockResponse handleGet(String path) {
        return locked(lock.readLock(), () -> {
            AttributeSet query = named(path);
            if (query == null) return super.handleGet(path);
            List<Map.Entry<AttributeSet, String>> found = matching(query);
            if (found.size() > 1) return super.handleGet(path);
            return found.isEmpty() ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
                    : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(found.getFirst().getValue());
        });
    }

    /** As the mock's: the resource is removed at once and answered with its last state, 404 when there is none. */
    @Override
    public MockResponse handleDelete(String path) {
        return locked(lock.writeLock(), () -> {
            AttributeSet query = named(path);
            if (query == null) return super.handleDelete(path);
            List<Map.Entry<AttributeSet, String>> found = matching(query);
            if (found.isEmpty()) return new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND);
            Map.Entry<AttributeSet, String> only = found.getFirst();
            // finalizers keep a resource, marked for deletion: the mock's own path does that
            if (found.size() > 1 || only.getValue().contains("\"finalizers\"")) return super.handleDelete(path);
            processEvent(path, query, only.getKey(), null, null);
            return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(only.getValue());
        });
    }

    /** The create, update and patch handlers' look-up of the resource a request names. */
    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        String name = name(attributes);
        if (name == null) return super.findResource(attributes);
        List<Map.Entry<AttributeSet, String>> found = matching(attributes);
        return found.size() > 1 ? super.findResource(attributes) : found.isEmpty() ? null : found.getFirst();
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        String state = backdated(newState);
        super.processEvent(path, pathAttributes, oldAttributes, resource, state);
        synchronized (byName) {
            if (oldAttributes != null) unindex(oldAttributes);
            if (state != null) index(storedKey(pathAttributes, resource, state));
        }
        changes.incrementAndGet();
    }

    @Override
    public void reset() {
        locked(lock.writeLock(), () -> {
            super.reset();
            synchronized (byName) {
                byName.clear();
            }
            return null;
        });
    }

    /** How many creates, updates and deletes the store has applied (every write goes through processEvent). */
    long changes() {
        return changes.get();
    }

    /** Whether the index by name holds exactly the mock's keys, in the mock's order: for the tests. */
    boolean indexMatchesStore() {
        Map<String, Set<AttributeSet>> expected = new HashMap<>();
        synchronized (map) {
            map.keySet().forEach(key -> expected.computeIfAbsent(name(key), n -> new LinkedHashSet<>()).add(key));
        }
        synchronized (byName) {
            return expected.keySet().equals(byName.keySet()) && expected.entrySet().stream()
                    .allMatch(e -> List.copyOf(e.getValue()).equals(List.copyOf(byName.get(e.getKey()))));
        }
    }

    /** The key the mock stores a new state under (as KubernetesCrudDispatcher.processEvent makes it). */
    private AttributeSet storedKey(AttributeSet pathAttributes, GenericKubernetesResource resource, String state) {
        KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) getAttributeExtractor();
        AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(state);
        return key.containsKey(KubernetesAttributesExtractor.PLURAL) ? key : AttributeSet.merge(pathAttributes, key);
    }

    private void index(AttributeSet key) {
        Set<AttributeSet> keys = byName.computeIfAbsent(name(key), n -> new LinkedHashSet<>());
        keys.remove(key); // the map keeps a re-put key where it was, but it was just removed: it goes last
        keys.add(key);
    }

    private void unindex(AttributeSet key) {
        String name = name(key);
        Set<AttributeSet> keys = byName.get(name);
        if (keys != null && keys.remove(key) && keys.isEmpty()) byName.remove(name);
    }

    /** The stored resources under the query's name that match it, as the mock's scan would find them. */
    private List<Map.Entry<AttributeSet, String>> matching(AttributeSet query) {
        List<AttributeSet> candidates;
        synchronized (byName) {
            candidates = List.copyOf(byName.getOrDefault(name(query), Set.of()));
        }
        return candidates.stream().filter(key -> key.matches(query))
                .<Map.Entry<AttributeSet, String>>mapMulti((key, out) -> {
                    String value = map.get(key);
                    if (value != null) out.accept(Map.entry(key, value));
                }).toList();
    }

    /** The request's attributes when its path names one resource (no query string: no watch, no selectors). */
    private AttributeSet named(String path) {
        if (path.indexOf('?') >= 0) return null;
        AttributeSet query = getKey(path);
        return name(query) == null ? null : query;
    }

    /** The single name an attribute set asks for or holds; null when it has none, or asks otherwise. */
    private static String name(AttributeSet attributes) {
        Attribute name = attributes.getAttribute(KubernetesAttributesExtractor.NAME);
        return name == null || name.getType() != AttributeType.WITH || name.getValues().size() != 1 ? null
                : name.getValues().getFirst().toString();
    }

    private static <T> T locked(Lock lock, Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static String backdated(String state) {
        if (state == null || !state.contains(CREATED_AT)) return state;
        ObjectNode root = (ObjectNode) Serialization.jsonMapper().readTree(state);
        ObjectNode metadata = (ObjectNode) root.get("metadata");
        if (metadata == null || metadata.path("annotations").path(CREATED_AT).isMissingNode()) return state;
        metadata.put("creationTimestamp", metadata.path("annotations").path(CREATED_AT).asString());
        return Serialization.jsonMapper().writeValueAsString(root);
    }
}
