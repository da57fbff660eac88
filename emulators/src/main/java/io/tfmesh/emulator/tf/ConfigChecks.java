package io.tfmesh.emulator.tf;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.tfmesh.emulator.tf.TfStore.GlobalAsn;
import io.tfmesh.emulator.tf.TfStore.Stored;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What contrail-api refuses before it writes an IPAM, the global-system-config, a bgp-router
 * or a route-target: the {@code pre_dbe_create} and {@code pre_dbe_update} hooks of
 * {@code vnc_cfg_api_server/resources/}, and the property validation of {@code api_server.py}.
 */
final class ConfigChecks {

	static final String IPAM_SUBNETS_ONLY_FLAT = "ipam-subnets are allowed only with flat-subnet";

	static final String SUBNET_METHOD_FIXED = "ipam_subnet_method can not be changed";

	static final String HOLD_TIME = "BGPaaS: Hold Time MUST be either zero or at least three seconds";

	private static final List<String> ROUTE_TARGET_LISTS = List.of("route_target_list", "import_route_target_list",
			"export_route_target_list");

	private final TfStore store;

	ConfigChecks(TfStore store) {
		this.store = store;
	}

	void beforeCreate(String type, JsonNode fields, boolean viaApi) {
		switch (type) {
			case "network-ipam" -> ipamCreate(fields);
			case "global-system-config" -> {
				Stored existing = store.find("global-system-config", List.of("default-global-system-config"));
				if (viaApi && existing != null) {
					throw new ApiError(400, "Global System Config already exists with name "
							+ String.join(":", existing.fqName()) + " (" + existing.uuid() + ")");
				}
			}
			case "bgp-router" -> bgpRouter(fields.path("bgp_router_parameters"));
			case "route-target" -> {
				List<String> fqName = TfStore.strings(fields.path("fq_name"));
				RouteTargets.parse(fqName.get(fqName.size() - 1));
			}
			default -> {
			}
		}
	}

	void beforeUpdate(Stored stored, JsonNode fields) {
		switch (stored.type()) {
			case "network-ipam" -> ipamUpdate(stored, fields);
			case "global-system-config" -> globalConfigUpdate(fields);
			case "bgp-router" -> bgpRouter(fields.path("bgp_router_parameters").isObject()
					? fields.path("bgp_router_parameters") : stored.object().path("bgp_router_parameters"));
			default -> {
			}
		}
	}

	/** {@code network_ipam.py} {@code pre_dbe_create}. */
	private void ipamCreate(JsonNode fields) {
		String method = fields.path("ipam_subnet_method").isString() ? fields.path("ipam_subnet_method").asString()
				: "user-defined-subnet";
		boolean hasSubnets = fields.has("ipam_subnets") && !fields.path("ipam_subnets").isNull();
		if (hasSubnets && !method.equals("flat-subnet")) {
			throw new ApiError(400, IPAM_SUBNETS_ONLY_FLAT);
		}
		if (method.equals("flat-subnet") && hasSubnets) {
			checkOverlap(subnets(fields));
		}
	}

	/** {@code network_ipam.py} {@code pre_dbe_update}, with {@code ipam_check_subnet_delete}. */
	private void ipamUpdate(Stored stored, JsonNode fields) {
		JsonNode oldMethod = stored.object().path("ipam_subnet_method");
		String old = oldMethod.isString() ? oldMethod.asString() : null;
		if (fields.has("ipam_subnet_method")) {
			JsonNode requested = fields.path("ipam_subnet_method");
			String method = requested.isString() ? requested.asString() : null;
			if (old == null ? method != null : !old.equals(method)) {
				throw new ApiError(400, SUBNET_METHOD_FIXED);
			}
		}
		if (!"flat-subnet".equals(old)) {
			if (fields.has("ipam_subnets")) {
				throw new ApiError(400, IPAM_SUBNETS_ONLY_FLAT);
			}
			return;
		}
		if (!fields.has("ipam_subnets")) {
			return;
		}
		List<IpSubnet> requested = subnets(fields);
		checkOverlap(requested);
		Set<String> kept = new LinkedHashSet<>();
		requested.forEach(subnet -> kept.add(subnet.toString()));
		List<IpSubnet> removed = new ArrayList<>();
		for (IpSubnet existing : subnets(stored.object())) {
			if (!kept.contains(existing.toString())) {
				removed.add(existing);
			}
		}
		if (removed.isEmpty()) {
			return;
		}
		for (Stored network : store.all()) {
			if (network.type().equals("virtual-network") && TfStore.refersTo(network, stored.uuid())) {
				for (Stored instanceIp : store.all()) {
					if (!instanceIp.type().equals("instance-ip") || !TfStore.refersTo(instanceIp, network.uuid())) {
						continue;
					}
					String address = instanceIp.object().path("instance_ip_address").asString("");
					BigInteger value = IpSubnet.address(address);
					if (value != null && removed.stream().anyMatch(subnet -> subnet.contains(value))) {
						throw new ApiError(409, "Cannot Delete IP Block, IP(" + address + ") is in use");
					}
				}
			}
		}
	}

	/** {@code _ipam_to_subnets}, then {@code check_subnet_overlap}. */
	private static void checkOverlap(List<IpSubnet> subnets) {
		for (int i = 0; i < subnets.size(); i++) {
			for (IpSubnet other : subnets.subList(i + 1, subnets.size())) {
				if (subnets.get(i).overlaps(other)) {
					throw new ApiError(400,
							"Overlapping addresses: [" + subnets.get(i).repr() + ", " + other.repr() + "]");
				}
			}
		}
	}

	static List<IpSubnet> subnets(JsonNode ipam) {
		List<IpSubnet> subnets = new ArrayList<>();
		for (JsonNode entry : ipam.path("ipam_subnets").path("subnets")) {
			IpSubnet subnet = IpSubnet.of(entry.path("subnet"));
			if (subnet != null) {
				subnets.add(subnet);
			}
		}
		return subnets;
	}

	/**
	 * {@code api_server.py} {@code _validate_subnet_type}, run on every {@code SubnetType} of a
	 * request before the hooks: the prefix is rewritten to its network address, and what
	 * netaddr cannot read is refused.
	 * @param kind {@code property} or {@code reference}, as the message names it
	 * @param operation {@code create} or {@code http_put}, as the message names it
	 */
	static void normalizeSubnets(String kind, String property, JsonNode value, Iterable<JsonNode> entries,
			String operation) {
		for (JsonNode entry : entries) {
			JsonNode subnet = entry.path("subnet");
			if (!subnet.isObject()) {
				continue;
			}
			String text = subnet.path("ip_prefix").asString("None") + "/" + subnet.path("ip_prefix_len").asString("None");
			IpSubnet parsed = IpSubnet.of(subnet);
			if (parsed == null) {
				throw new ApiError(400, "Bad " + kind + " in " + operation + ": Error validating " + kind + " "
						+ property + " value " + PyRepr.repr(value) + " Subnet type '" + text + "' is invalid");
			}
			((ObjectNode) subnet).put("ip_prefix", parsed.prefix());
			((ObjectNode) subnet).put("ip_prefix_len", parsed.length());
		}
	}

	/**
	 * {@code global_system_config.py} {@code pre_dbe_update}: the schema's integer check of
	 * the ASN, {@code _check_asn} with {@code check_asn_range}, and {@code _rt_validate_fields}
	 * over the networks' route targets.
	 */
	private void globalConfigUpdate(JsonNode fields) {
		JsonNode requested = fields.path("autonomous_system");
		Long asn = asnProperty(requested);
		GlobalAsn current = store.globalAsn();
		boolean fourByte = fields.path("enable_4byte_as").asBoolean(false)
				|| (current != null && current.fourByte());
		// an ASN of 0 is falsy: the property check and _check_asn both skip it
		if (asn == null || asn == 0) {
			return;
		}
		RouteTargets.checkAsnRange(asn, fourByte);
		StringBuilder found = new StringBuilder();
		boolean storedFourByte = current != null && current.fourByte();
		for (Stored network : store.all()) {
			if (!network.type().equals("virtual-network")) {
				continue;
			}
			for (String list : ROUTE_TARGET_LISTS) {
				for (JsonNode target : network.object().path(list).path("route_target")) {
					String text = target.asString();
					if (!RouteTargets.userDefined(text, asn, storedFourByte)) {
						found.append("\t- ")
							.append(String.join(":", network.fqName()))
							.append(" (")
							.append(network.uuid())
							.append(") have route target ")
							.append(text.substring(Math.min(7, text.length())))
							.append(" configured in ")
							.append(list)
							.append('\n');
					}
				}
			}
		}
		if (!found.isEmpty()) {
			throw new ApiError(400, "Virtual networks are configured with a route target with this ASN " + asn
					+ " and route target value in the same range as used by automatically allocated route targets:\n"
					+ found);
		}
	}

	/** {@code _validate_simple_type} for {@code AutonomousSystemType} (xsd:integer, 1..4294967295). */
	private static @Nullable Long asnProperty(JsonNode value) {
		if (value.isMissingNode() || value.isNull()) {
			return null;
		}
		long asn;
		if (value.isIntegralNumber()) {
			asn = value.asLong();
		}
		else if (value.isNumber()) {
			asn = (long) value.asDouble();
		}
		else if (value.isString() && value.asString().strip().matches("[+-]?\\d{1,18}")) {
			asn = Long.parseLong(value.asString().strip());
		}
		else if (value.isString() && value.asString().isEmpty()) {
			return null;
		}
		else {
			throw new ApiError(400, "Bad property in http_put: Error validating property autonomous_system: integer"
					+ " value expected instead of " + (value.isString() ? value.asString() : PyRepr.repr(value)));
		}
		if (asn != 0 && (asn < 1 || asn > 4294967295L)) {
			throw new ApiError(400, "Bad property in http_put: Error validating property autonomous_system: value"
					+ " must be between 1 and 4294967295");
		}
		return asn;
	}

	/** {@code bgp_router.py}: {@code check_hold_time_in_range}, then the ASNs by {@code check_asn_range}. */
	private void bgpRouter(JsonNode parameters) {
		if (!parameters.isObject()) {
			return;
		}
		JsonNode holdTime = parameters.path("hold_time");
		if (holdTime.isNumber()) {
			long seconds = holdTime.asLong();
			if (!(seconds == 0 || (2 < seconds && seconds < 65536))) {
				throw new ApiError(400, HOLD_TIME);
			}
		}
		GlobalAsn global = store.globalAsn();
		boolean fourByte = global != null && global.fourByte();
		for (String field : List.of("autonomous_system", "local_autonomous_system")) {
			JsonNode asn = parameters.path(field);
			if (asn.isNumber() && asn.asLong() != 0) {
				RouteTargets.checkAsnRange(asn.asLong(), fourByte);
			}
		}
	}

}
