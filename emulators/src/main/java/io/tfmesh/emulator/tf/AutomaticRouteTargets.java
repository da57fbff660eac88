package io.tfmesh.emulator.tf;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tfmesh.emulator.tf.TfStore.GlobalAsn;
import io.tfmesh.emulator.tf.TfStore.Stored;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the schema transformer gives each network's routing instance: a route-target object
 * {@code target:<global ASN>:<n>} with n from the range it allocates from
 * ({@code get_bgp_rtgt_min_id}, {@code db.py} {@code alloc_route_target}), referenced by the
 * instance. A new global ASN gives every instance a new one.
 */
final class AutomaticRouteTargets {

	private AutomaticRouteTargets() {
	}

	static void assign(TfStore store) {
		GlobalAsn global = store.globalAsn();
		if (global == null || global.asn() == 0) {
			return;
		}
		long min = RouteTargets.minId(global.asn());
		Set<Long> taken = new HashSet<>();
		for (Stored target : store.all()) {
			if (target.type().equals("route-target")) {
				RouteTargets.Parsed parsed = parsedOrNull(target.fqName().get(0));
				if (parsed != null && parsed.asn() != null && parsed.asn() == global.asn()) {
					taken.add(parsed.target());
				}
			}
		}
		for (Stored instance : store.all()) {
			if (!instance.type().equals("routing-instance")
					|| !instance.object().path("routing_instance_is_default").asBoolean(false)) {
				continue;
			}
			ObjectNode object = instance.object().deepCopy();
			ArrayNode refs = object.path("route_target_refs").isArray() ? (ArrayNode) object.get("route_target_refs")
					: object.putArray("route_target_refs");
			boolean current = false;
			for (JsonNode ref : refs) {
				RouteTargets.Parsed parsed = parsedOrNull(TfStore.strings(ref.path("to")).get(0));
				current |= parsed != null && parsed.asn() != null && parsed.asn() == global.asn()
						&& parsed.target() >= min;
			}
			if (current) {
				continue;
			}
			refs.removeIf(ref -> automatic(TfStore.strings(ref.path("to")).get(0)));
			long number = min;
			while (taken.contains(number)) {
				number++;
			}
			taken.add(number);
			String name = "target:" + global.asn() + ":" + number;
			Stored target = store.find("route-target", List.of(name));
			if (target == null) {
				ObjectNode fields = TfStore.NODES.objectNode();
				fields.put("uuid", UUID.randomUUID().toString());
				fields.putArray("fq_name").add(name);
				fields.put("name", name);
				fields.put("display_name", name);
				target = new Stored("route-target", fields);
				store.putDerived(target);
			}
			ObjectNode ref = refs.addObject();
			ref.putArray("to").add(name);
			ref.put("uuid", target.uuid());
			ref.putObject("attr").putNull("import_export");
			store.putDerived(new Stored("routing-instance", object));
		}
	}

	private static boolean automatic(String name) {
		RouteTargets.Parsed parsed = parsedOrNull(name);
		return parsed != null && parsed.asn() != null && parsed.target() >= RouteTargets.minId(parsed.asn());
	}

	private static RouteTargets.@Nullable Parsed parsedOrNull(String name) {
		try {
			return RouteTargets.parse(name);
		}
		catch (ApiError ex) {
			return null;
		}
	}

}
