package io.tfmesh.emulator.kubernetes;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fabric8.mockwebserver.http.MockResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the API server fills into a Service: defaults, and a cluster IP from the service subnet
 * unless the Service is headless or an {@code ExternalName}; one asked for must be free and in
 * the subnet. A cluster IP cannot change once set, and an update without one keeps it.
 */
final class ServiceSpecs {

	private ServiceSpecs() {
	}

	/** @return the refusal, or nothing when the Service was completed */
	static Optional<MockResponse> create(ResourceType type, ObjectNode service, @Nullable ServiceSubnet subnet,
			Set<String> taken) {
		ObjectNode spec = spec(service);
		defaults(spec);
		if (spec.path("type").asString("").equals("ExternalName")) {
			return Optional.empty();
		}
		String name = service.path("metadata").path("name").asString("");
		String asked = spec.path("clusterIPs").path(0).asString(spec.path("clusterIP").asString(""));
		String address;
		if (asked.equals("None")) {
			address = asked;
		}
		else if (!asked.isEmpty()) {
			if (subnet == null || !subnet.contains(asked)) {
				return Optional.of(refusal(type, name, asked, "provided IP is not in the valid range. The range of valid IPs is "
						+ ((subnet != null) ? subnet.cidr() : "")));
			}
			if (taken.contains(asked)) {
				return Optional.of(refusal(type, name, asked, "provided IP is already allocated"));
			}
			address = asked;
		}
		else {
			Optional<String> free = (subnet != null) ? subnet.free(taken) : Optional.empty();
			if (free.isEmpty()) {
				return Optional.of(ApiErrors.internal("failed to allocate a serviceIP: range is full"));
			}
			address = free.get();
		}
		spec.put("clusterIP", address);
		spec.putArray("clusterIPs").add(address);
		if (!spec.has("ipFamilies")) {
			spec.putArray("ipFamilies").add(address.contains(":") ? "IPv6" : "IPv4");
		}
		if (!spec.has("ipFamilyPolicy")) {
			spec.put("ipFamilyPolicy", "SingleStack");
		}
		return Optional.empty();
	}

	/** @return the refusal of a changed cluster IP, or nothing when the update was completed */
	static Optional<MockResponse> update(ResourceType type, JsonNode current, ObjectNode service) {
		ObjectNode spec = spec(service);
		defaults(spec);
		JsonNode currentSpec = current.path("spec");
		String was = currentSpec.path("clusterIP").asString("");
		String asked = spec.path("clusterIP").asString("");
		if (asked.isEmpty() && !was.isEmpty()) {
			spec.put("clusterIP", was);
			spec.set("clusterIPs", currentSpec.path("clusterIPs").deepCopy());
			for (String kept : List.of("ipFamilies", "ipFamilyPolicy")) {
				if (!spec.has(kept) && currentSpec.has(kept)) {
					spec.set(kept, currentSpec.get(kept).deepCopy());
				}
			}
		}
		else if (!asked.equals(was) && !spec.path("type").asString("").equals("ExternalName")) {
			String name = service.path("metadata").path("name").asString("");
			return Optional.of(ApiErrors.invalid(type, name, "spec.clusterIPs[0]",
					"[]string{" + ApiErrors.quoted(asked) + "}", List.of("may not change once set")));
		}
		return Optional.empty();
	}

	private static void defaults(ObjectNode spec) {
		if (spec.path("type").asString("").isEmpty()) {
			spec.put("type", "ClusterIP");
		}
		if (!spec.has("sessionAffinity")) {
			spec.put("sessionAffinity", "None");
		}
		if (!spec.path("type").asString("").equals("ExternalName") && !spec.has("internalTrafficPolicy")) {
			spec.put("internalTrafficPolicy", "Cluster");
		}
		if (spec.path("ports").isArray()) {
			for (JsonNode port : (ArrayNode) spec.get("ports")) {
				ObjectNode writable = (ObjectNode) port;
				if (!writable.has("protocol")) {
					writable.put("protocol", "TCP");
				}
				if (!writable.has("targetPort")) {
					writable.put("targetPort", writable.path("port").asInt(0));
				}
			}
		}
	}

	private static ObjectNode spec(ObjectNode service) {
		return service.path("spec").isObject() ? (ObjectNode) service.get("spec") : service.putObject("spec");
	}

	private static MockResponse refusal(ResourceType type, String name, String address, String problem) {
		return ApiErrors.invalid(type, name, "spec.clusterIPs", "[]string{" + ApiErrors.quoted(address) + "}",
				List.of("failed to allocate IP " + address + ": " + problem));
	}

}
