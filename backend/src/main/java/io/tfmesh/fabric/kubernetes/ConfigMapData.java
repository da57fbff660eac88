package io.tfmesh.fabric.kubernetes;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One ConfigMap's data as read.
 *
 * @param resourceVersion to pass back when changing it, so a change made by someone else in
 * between is not overwritten
 * @param data sorted by key
 */
public record ConfigMapData(String namespace, String name, String resourceVersion, Map<String, String> data) {

	public ConfigMapData {
		data = Collections.unmodifiableMap(new TreeMap<>(data));
	}

}
