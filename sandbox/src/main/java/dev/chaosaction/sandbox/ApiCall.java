package dev.chaosaction.sandbox;

/**
 * A request that changed (or tried to change) the simulated cluster, as the API server received it.
 *
 * @param method the HTTP method: POST, PUT, PATCH or DELETE
 * @param path   the request path with its query
 * @param body   the request body, empty when there was none
 */
public record ApiCall(String method, String path, String body) {}
