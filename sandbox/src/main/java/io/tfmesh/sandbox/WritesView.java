package io.tfmesh.sandbox;

import java.util.Map;

/**
 * The writes an emulated cluster's APIs accepted from clients, per object: how a test tells a
 * change made once from one made twice.
 */
public record WritesView(String cluster, Map<String, Long> kubernetes, Map<String, Long> tungstenFabric) {
}
