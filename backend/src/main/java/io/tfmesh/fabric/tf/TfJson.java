package io.tfmesh.fabric.tf;

import java.util.ArrayList;
import java.util.List;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Small readers and writers of the TF API's JSON shapes that every object type shares. */
final class TfJson {

	static final String SOURCE = "tungsten-fabric";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private TfJson() {
	}

	static ObjectNode object() {
		return NODES.objectNode();
	}

	static ArrayNode array() {
		return NODES.arrayNode();
	}

	static @Nullable String text(JsonNode node) {
		return node.isValueNode() && !node.isNull() ? node.asString() : null;
	}

	static String requiredText(JsonNode object, String field, String what) {
		String value = text(object.path(field));
		if (value == null) {
			throw invalid(what + " has no " + field);
		}
		return value;
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		for (JsonNode item : array) {
			String value = text(item);
			if (value != null) {
				values.add(value);
			}
		}
		return values;
	}

	static ArrayNode stringArray(List<String> values) {
		ArrayNode array = array();
		values.forEach(array::add);
		return array;
	}

	static List<String> fqName(JsonNode object, String what) {
		JsonNode fqName = object.path("fq_name");
		if (!fqName.isArray() || fqName.isEmpty()) {
			throw invalid(what + " has no fq_name");
		}
		return strings(fqName);
	}

	/** Reads {@code {"ip_prefix": "10.32.0.0", "ip_prefix_len": 12}} as a canonical CIDR. */
	static String cidr(JsonNode subnet, String what) {
		String prefix = text(subnet.path("ip_prefix"));
		JsonNode length = subnet.path("ip_prefix_len");
		if (prefix == null || !length.isValueNode()) {
			throw invalid(what + " has a subnet without ip_prefix and ip_prefix_len");
		}
		String text = prefix + "/" + length.asString();
		try {
			return Cidr.parse(text).toString();
		}
		catch (InvalidCidrException ex) {
			// the server keeps what it was given; host bits or odd spellings still name one network
			return ex.suggestion().map(Cidr::toString).orElseThrow(() -> invalid(what + " has subnet " + text));
		}
	}

	static ObjectNode subnet(String cidr) {
		Cidr parsed = Cidr.parse(cidr);
		String text = parsed.toString();
		ObjectNode subnet = object();
		subnet.put("ip_prefix", text.substring(0, text.indexOf('/')));
		subnet.put("ip_prefix_len", parsed.prefixLength());
		return subnet;
	}

	static FabricException invalid(String message) {
		return new FabricException(SOURCE, FabricException.Kind.INVALID_RESPONSE, 200, message);
	}

}
