package io.tfmesh.fabric.kubernetes;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A DaemonSet's pod template: which containers its pods run and where their settings come from.
 *
 * @param containers the template's containers (init containers left out)
 */
public record DaemonSetInfo(String namespace, String name, Map<String, String> labels, List<ContainerSpec> containers) {

	public DaemonSetInfo {
		labels = Collections.unmodifiableMap(new TreeMap<>(labels));
		containers = List.copyOf(containers);
	}

}
