package io.tfmesh.fabric.tf;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An IP address manager.
 *
 * @param subnetMethod {@code user-defined-subnet} (the schema default, used when the field is
 * absent), {@code flat-subnet} or {@code auto-subnet}
 * @param subnets the IPAM's own subnets as canonical CIDRs; flat-subnet IPAMs carry them here,
 * user-defined ones on each network's reference instead
 */
public record NetworkIpam(@Nullable String uuid, List<String> fqName, String subnetMethod,
		List<String> subnets) implements TfObject {

	public static final String TYPE = "network-ipam";

	public NetworkIpam {
		fqName = List.copyOf(fqName);
		subnets = List.copyOf(subnets);
	}

	@Override
	public String type() {
		return TYPE;
	}

}
