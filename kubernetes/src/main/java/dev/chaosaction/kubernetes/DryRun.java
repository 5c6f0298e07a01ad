package dev.chaosaction.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an action returns in a dry run: {@code {"dry_run": true, "would_<verb>": [targets], ...}}. The
 * targets are resolved against the real cluster, so the journal shows what a real run would have hit.
 */
final class DryRun {
    private DryRun() {}

    static Map<String, Object> preview(String key, List<String> targets) {
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("dry_run", true);
        preview.put(key, new ArrayList<>(targets));
        return preview;
    }
}
