package io.tfmesh.plan;

import java.util.List;

/**
 * A segmentation intent as the compiler reads it: pods of the source namespace may reach the
 * destination service on these ports.
 *
 * @param protocol {@code tcp}, {@code udp} or {@code any}
 * @param ports empty means every port
 */
public record IntentSpec(long id, long sourceClusterId, String sourceNamespace, long destinationClusterId,
		String destinationNamespace, String destinationService, String protocol, List<PortRange> ports) {

	public IntentSpec {
		ports = List.copyOf(ports);
	}

	/** Ports {@code start} to {@code end}, both included. */
	public record PortRange(int start, int end) {
	}

}
