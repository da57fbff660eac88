package io.tfmesh.fabric.kubernetes;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A namespace with the annotations by which kube-manager places its pods.
 *
 * @param annotations only the {@code opencontrail.org/} ones, sorted by key
 */
public record NamespaceInfo(String name, Map<String, String> annotations) {

	public NamespaceInfo {
		annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
	}

}
