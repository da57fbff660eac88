package io.tfmesh.emulator.tf;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tfmesh.emulator.tf.TfStore.Stored;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Addresses of instance-ips ({@code instance_ip.py} {@code pre_dbe_create} with
 * {@code vnc_addr_mgmt.py}): taken from the subnets of the network's IPAM references, a
 * flat-subnet IPAM's from the IPAM itself; each subnet keeps its default gateway and service
 * address, and hands out addresses from its end unless {@code addr_from_start} is set.
 */
final class InstanceIps {

	private static final List<List<String>> NOT_ALLOCATED = List.of(KubeManagerSeed.IP_FABRIC,
			List.of(KubeManagerSeed.DOMAIN, "default-project", "__link_local__"));

	private InstanceIps() {
	}

	static void allocate(TfStore store, ObjectNode instanceIp) {
		JsonNode networkRef = instanceIp.path("virtual_network_refs").path(0);
		if (networkRef.isMissingNode() || NOT_ALLOCATED.contains(TfStore.strings(networkRef.path("to")))) {
			return;
		}
		Stored network = store.byUuid(networkRef.path("uuid").asString());
		if (network == null) {
			return;
		}
		Set<BigInteger> used = new HashSet<>();
		for (Stored other : store.all()) {
			if (other.type().equals("instance-ip")) {
				BigInteger address = IpSubnet.address(other.object().path("instance_ip_address").asString(""));
				if (address != null) {
					used.add(address);
				}
			}
		}
		List<JsonNode> entries = subnetEntries(store, network);
		JsonNode requested = instanceIp.path("instance_ip_address");
		if (requested.isString()) {
			BigInteger address = IpSubnet.address(requested.asString());
			boolean inSubnet = address != null && entries.stream()
				.map(entry -> IpSubnet.of(entry.path("subnet")))
				.anyMatch(subnet -> subnet != null && subnet.contains(address));
			if (!inSubnet) {
				// _net_ip_alloc_req, where an address no subnet holds ends
				throw new ApiError(400, ownSubnets(network)
						? "Virtual-Network(" + PyRepr.strings(network.fqName()) + ") has exhausted subnet([])"
						: "Virtual-Network(" + PyRepr.strings(network.fqName()) + ") has no defined subnets");
			}
			if (used.contains(address)) {
				throw new ApiError(409, "IP address already in use");
			}
			return;
		}
		List<String> subnetNames = new ArrayList<>();
		for (JsonNode entry : entries) {
			IpSubnet subnet = IpSubnet.of(entry.path("subnet"));
			if (subnet == null) {
				continue;
			}
			subnetNames.add(subnet.toString());
			String address = free(subnet, entry, used);
			if (address != null) {
				instanceIp.put("instance_ip_address", address);
				if (entry.path("subnet_uuid").isString()) {
					instanceIp.put("subnet_uuid", entry.path("subnet_uuid").asString());
				}
				return;
			}
		}
		throw new ApiError(400, "Virtual-Network(" + PyRepr.strings(network.fqName()) + ") has exhausted subnet("
				+ PyRepr.strings(subnetNames) + ")");
	}

	/** The network's own subnets on its IPAM references, or a flat-subnet IPAM's subnets. */
	private static List<JsonNode> subnetEntries(TfStore store, Stored network) {
		List<JsonNode> entries = new ArrayList<>();
		for (JsonNode ref : network.object().path("network_ipam_refs")) {
			boolean own = false;
			for (JsonNode entry : ref.path("attr").path("ipam_subnets")) {
				if (entry.path("subnet").isObject()) {
					entries.add(entry);
					own = true;
				}
			}
			Stored ipam = store.byUuid(ref.path("uuid").asString());
			if (!own && ipam != null) {
				ipam.object().path("ipam_subnets").path("subnets").forEach(entries::add);
			}
		}
		return entries;
	}

	private static boolean ownSubnets(Stored network) {
		for (JsonNode ref : network.object().path("network_ipam_refs")) {
			for (JsonNode entry : ref.path("attr").path("ipam_subnets")) {
				if (entry.path("subnet").isObject()) {
					return true;
				}
			}
		}
		return false;
	}

	private static @Nullable String free(IpSubnet subnet, JsonNode entry, Set<BigInteger> used) {
		boolean fromStart = entry.path("addr_from_start").asBoolean(false);
		BigInteger gateway = reserved(entry.path("default_gateway"),
				fromStart ? subnet.first().add(BigInteger.ONE) : subnet.last().subtract(BigInteger.ONE));
		BigInteger service = reserved(entry.path("dns_server_address"),
				fromStart ? subnet.first().add(BigInteger.TWO) : subnet.last().subtract(BigInteger.TWO));
		BigInteger step = fromStart ? BigInteger.ONE : BigInteger.ONE.negate();
		BigInteger candidate = fromStart ? subnet.first().add(BigInteger.ONE) : subnet.last().subtract(BigInteger.ONE);
		while (subnet.first().compareTo(candidate) < 0 && candidate.compareTo(subnet.last()) < 0) {
			if (!candidate.equals(gateway) && !candidate.equals(service) && !used.contains(candidate)) {
				return IpSubnet.text(candidate, subnet.bits());
			}
			candidate = candidate.add(step);
		}
		return null;
	}

	private static BigInteger reserved(JsonNode configured, BigInteger fallback) {
		BigInteger address = configured.isString() ? IpSubnet.address(configured.asString()) : null;
		return address != null ? address : fallback;
	}

}
