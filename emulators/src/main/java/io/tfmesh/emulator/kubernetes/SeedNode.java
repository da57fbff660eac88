package io.tfmesh.emulator.kubernetes;

import java.util.List;

/**
 * A node of an emulated cluster.
 *
 * @param address its InternalIP
 * @param roles Kubernetes roles ({@code master}, {@code control-plane}) and Tungsten Fabric
 * roles ({@code opencontrail.org/controller}, {@code opencontrail.org/vrouter}); each becomes a
 * {@code node-role.} label
 * @param machine what its kubelet reports of the machine
 */
public record SeedNode(String name, String address, List<String> roles, Machine machine) {

	public SeedNode {
		roles = List.copyOf(roles);
	}

	public SeedNode(String name, String address, List<String> roles) {
		this(name, address, roles, Machine.DEFAULT);
	}

	public SeedNode withMachine(Machine machine) {
		return new SeedNode(name, address, roles, machine);
	}

	boolean hasRole(String role) {
		return roles.contains(role);
	}

	/**
	 * The machine as the kubelet reports it in {@code status.nodeInfo} and
	 * {@code status.capacity}.
	 *
	 * @param memory a Kubernetes quantity, such as {@code 16265368Ki}
	 * @param ephemeralStorage a Kubernetes quantity, such as {@code 101430960Ki}
	 */
	public record Machine(String osImage, String kernelVersion, String memory, String ephemeralStorage) {

		/** A 16 GiB Ubuntu 20.04 virtual machine with a 100 GiB disk. */
		public static final Machine DEFAULT = new Machine("Ubuntu 20.04.6 LTS", "5.4.0-182-generic", "16265368Ki",
				"101430960Ki");

		public Machine withKernel(String osImage, String kernelVersion) {
			return new Machine(osImage, kernelVersion, memory, ephemeralStorage);
		}

		public Machine withCapacity(String memory, String ephemeralStorage) {
			return new Machine(osImage, kernelVersion, memory, ephemeralStorage);
		}

	}

}
