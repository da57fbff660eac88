package io.tfmesh.fabric.kubernetes;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A local Service without selector whose endpoints are addresses elsewhere, e.g. a service of
 * another cluster reached over the mesh.
 *
 * @param endpointAddresses IPv4 and/or IPv6 addresses
 * @param labels put on the Service and its EndpointSlices, besides tfmesh's own
 */
public record ServiceExport(String namespace, String name, List<ServicePort> ports, List<String> endpointAddresses,
		Map<String, String> labels) {

	public ServiceExport {
		ports = List.copyOf(ports);
		endpointAddresses = List.copyOf(endpointAddresses);
		labels = Collections.unmodifiableMap(new TreeMap<>(labels));
	}

}
