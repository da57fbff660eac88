package io.tfmesh.emulator.kubernetes;

import java.util.List;

/**
 * A node of an emulated cluster.
 *
 * @param address its InternalIP
 * @param roles Kubernetes roles ({@code master}, {@code control-plane}) and Tungsten Fabric
 * roles ({@code opencontrail.org/controller}, {@code opencontrail.org/vrouter}); each becomes a
 * {@code node-role.} label
 */
public record SeedNode(String name, String address, List<String> roles) {

	public SeedNode {
		roles = List.copyOf(roles);
	}

	boolean hasRole(String role) {
		return roles.contains(role);
	}

}
