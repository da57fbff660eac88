package io.tfmesh.preflight;

import java.util.List;

/** Runs every preflight check on one cluster's readings. */
final class PreflightChecks {

	private PreflightChecks() {
	}

	static PreflightReport run(PreflightInput input) {
		List<CheckResult> checks = List.of(VersionCheck.KERNEL.check(input), CapacityCheck.MEMORY.check(input),
				CapacityCheck.DISK.check(input), VersionCheck.KUBELET.check(input), VersionCheck.RUNTIME.check(input),
				GatewayCheck.check(input), PodSubnetCheck.check(input), MeshUniquenessCheck.clusterName(input),
				MeshUniquenessCheck.asn(input));
		return PreflightReport.of(input.clusterId(), input.clusterName(),
				(input.state() != null) ? input.state().observedAt() : null, checks);
	}

}
