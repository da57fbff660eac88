package io.tfmesh.emulator.tf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.tfmesh.emulator.WriteCounts;
import io.tfmesh.emulator.tf.TfStore.Stored;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The config API's URLs (TAC {@code rest_details.rst}) over the emulated store. */
final class ConfigApiRoutes {

	private static final List<String> ACTIONS = List.of("fqname-to-id", "id-to-fqname", "ref-update",
			"ref-relax-for-delete");

	private final TfStore store;

	private final JsonMapper json;

	private final WriteCounts writes;

	ConfigApiRoutes(TfStore store, JsonMapper json, WriteCounts writes) {
		this.store = store;
		this.json = json;
		this.writes = writes;
	}

	/** How an object is named in the write counts: {@code network-ipam/default-domain:k8s-default:k8s-pod-ipam}. */
	static String objectKey(String type, List<String> fqName) {
		return type + "/" + String.join(":", fqName);
	}

	/** An answer: JSON, or the plain-text reason contrail-api sends with an error status. */
	record Reply(int status, String body, boolean isJson) {

		static Reply text(int status, String message) {
			return new Reply(status, message, false);
		}

	}

	Reply handle(String method, String path, Map<String, String> query, byte[] body, String base) {
		try {
			return route(method, path, query, body, base);
		}
		catch (ApiError ex) {
			return Reply.text(ex.status(), ex.getMessage());
		}
	}

	private Reply route(String method, String path, Map<String, String> query, byte[] body, String base) {
		if (path.equals("/") || path.isEmpty()) {
			return method.equals("GET") ? json(home(base)) : notAllowed();
		}
		String[] segments = path.substring(1).split("/", -1);
		if (segments.length == 1 && ACTIONS.contains(segments[0])) {
			return method.equals("POST") ? json(action(segments[0], read(body))) : notAllowed();
		}
		if (segments.length == 1 && segments[0].endsWith("s")) {
			String type = segments[0].substring(0, segments[0].length() - 1);
			TfStore.requireType(type);
			return switch (method) {
				case "GET" -> json(list(type, query, base));
				case "POST" -> json(created(counted(store.create(type, read(body), true)), base));
				default -> notAllowed();
			};
		}
		if (segments.length == 2) {
			String type = segments[0];
			String uuid = segments[1];
			TfStore.requireType(type);
			return switch (method) {
				case "GET" -> json(TfStore.wrap(type, render(store.require(type, uuid), base, true)));
				case "PUT" -> json(updated(counted(store.update(type, uuid, read(body))), base));
				case "DELETE" -> {
					Stored doomed = store.require(type, uuid);
					store.delete(type, uuid, base);
					counted(doomed);
					yield new Reply(200, "", false);
				}
				default -> notAllowed();
			};
		}
		if (segments.length == 1) {
			TfStore.requireType(segments[0]);
		}
		throw new ApiError(404, "Not found: '" + path + "'");
	}

	private ObjectNode home(String base) {
		ObjectNode home = TfStore.NODES.objectNode();
		home.put("href", base);
		ArrayNode links = home.putArray("links");
		link(links, base + "/config-root", "config-root", "root");
		for (String type : TfStore.TYPES.stream().sorted().toList()) {
			link(links, base + "/" + type + "s", type, "collection");
			link(links, base + "/" + type, type, "resource-base");
		}
		link(links, base + "/fqname-to-id", "name-to-id", "action");
		link(links, base + "/id-to-fqname", "id-to-name", "action");
		link(links, base + "/ref-update", "ref-update", "action");
		link(links, base + "/ref-relax-for-delete", "ref-relax-for-delete", "action");
		return home;
	}

	private static void link(ArrayNode links, String href, String name, String rel) {
		ObjectNode link = links.addObject().putObject("link");
		link.put("href", href);
		link.put("name", name);
		link.put("rel", rel);
	}

	private ObjectNode list(String type, Map<String, String> query, String base) {
		Predicate<Stored> filter = stored -> true;
		Set<String> parents = csv(query.get("parent_id"));
		if (parents != null) {
			filter = filter.and(stored -> stored.parentUuid() != null && parents.contains(stored.parentUuid()));
		}
		String parentFqName = query.get("parent_fq_name_str");
		if (parentFqName != null) {
			List<String> wanted = Arrays.asList(parentFqName.split(":", -1));
			filter = filter.and(stored -> {
				Stored parent = stored.parentUuid() != null ? store.byUuid(stored.parentUuid()) : null;
				return parent != null && parent.fqName().equals(wanted);
			});
		}
		Set<String> uuids = csv(query.get("obj_uuids"));
		if (uuids != null) {
			filter = filter.and(stored -> uuids.contains(stored.uuid()));
		}
		Set<String> referred = csv(query.get("back_ref_id"));
		if (referred != null) {
			filter = filter.and(stored -> referred.stream().anyMatch(uuid -> TfStore.refersTo(stored, uuid)));
		}
		List<Stored> found = store.list(type, filter);
		ObjectNode answer = TfStore.NODES.objectNode();
		if ("true".equalsIgnoreCase(query.get("count"))) {
			answer.putObject(type + "s").put("count", found.size());
			return answer;
		}
		boolean detail = "true".equalsIgnoreCase(query.get("detail"));
		ArrayNode entries = answer.putArray(type + "s");
		for (Stored stored : found) {
			if (detail) {
				entries.add(TfStore.wrap(type, render(stored, base, false)));
			}
			else {
				ObjectNode entry = entries.addObject();
				entry.put("href", TfStore.href(base, stored));
				entry.set("fq_name", stored.object().get("fq_name").deepCopy());
				entry.put("uuid", stored.uuid());
			}
		}
		return answer;
	}

	/**
	 * An object as GET returns it: hrefs everywhere and, for a single read, its children and
	 * back references.
	 */
	private ObjectNode render(Stored stored, String base, boolean withRelatives) {
		ObjectNode object = stored.object().deepCopy();
		object.put("href", TfStore.href(base, stored));
		if (stored.parentUuid() != null) {
			object.put("parent_href", base + "/" + object.path("parent_type").asString() + "/" + stored.parentUuid());
		}
		for (Map.Entry<String, JsonNode> field : object.properties()) {
			if (field.getKey().endsWith("_refs")) {
				String refType = field.getKey().substring(0, field.getKey().length() - 5).replace('_', '-');
				for (JsonNode ref : field.getValue()) {
					((ObjectNode) ref).put("href", base + "/" + refType + "/" + ref.path("uuid").asString());
				}
			}
		}
		if (!withRelatives) {
			return object;
		}
		Map<String, ArrayNode> relatives = new LinkedHashMap<>();
		for (Stored other : store.all()) {
			if (stored.uuid().equals(other.parentUuid())) {
				ObjectNode child = relatives
					.computeIfAbsent(other.type().replace('-', '_') + "s", name -> TfStore.NODES.arrayNode())
					.addObject();
				relative(child, other, base);
			}
			for (Map.Entry<String, JsonNode> field : other.object().properties()) {
				if (!field.getKey().endsWith("_refs")) {
					continue;
				}
				for (JsonNode ref : field.getValue()) {
					if (stored.uuid().equals(ref.path("uuid").asString())) {
						ObjectNode back = relatives
							.computeIfAbsent(other.type().replace('-', '_') + "_back_refs",
									name -> TfStore.NODES.arrayNode())
							.addObject();
						relative(back, other, base);
						back.set("attr", ref.path("attr").deepCopy());
					}
				}
			}
		}
		relatives.forEach(object::set);
		return object;
	}

	private static void relative(ObjectNode entry, Stored other, String base) {
		entry.set("to", other.object().get("fq_name").deepCopy());
		entry.put("href", TfStore.href(base, other));
		entry.put("uuid", other.uuid());
	}

	private ObjectNode created(Stored stored, String base) {
		ObjectNode answer = TfStore.NODES.objectNode();
		answer.put("name", stored.object().path("name").asString());
		answer.set("fq_name", stored.object().get("fq_name").deepCopy());
		answer.put("uuid", stored.uuid());
		answer.put("href", TfStore.href(base, stored));
		if (stored.parentUuid() != null) {
			String parentType = stored.object().path("parent_type").asString();
			answer.put("parent_type", parentType);
			answer.put("parent_uuid", stored.parentUuid());
			answer.put("parent_href", base + "/" + parentType + "/" + stored.parentUuid());
		}
		return TfStore.wrap(stored.type(), answer);
	}

	private static ObjectNode updated(Stored stored, String base) {
		ObjectNode answer = TfStore.NODES.objectNode();
		answer.put("href", TfStore.href(base, stored));
		answer.put("uuid", stored.uuid());
		return TfStore.wrap(stored.type(), answer);
	}

	private ObjectNode action(String action, JsonNode request) {
		ObjectNode answer = TfStore.NODES.objectNode();
		switch (action) {
			case "fqname-to-id" -> {
				String type = request.path("type").asString("").replace('_', '-');
				TfStore.requireType(type);
				List<String> fqName = TfStore.strings(request.path("fq_name"));
				Stored stored = store.find(type, fqName);
				if (stored == null) {
					throw new ApiError(404, "Name " + PyRepr.pformat(fqName) + " not found");
				}
				answer.put("uuid", stored.uuid());
			}
			case "id-to-fqname" -> {
				String uuid = request.path("uuid").asString("");
				Stored stored = store.byUuid(uuid);
				if (stored == null) {
					throw new ApiError(404, "UUID " + uuid + " not found");
				}
				answer.put("type", stored.type());
				answer.set("fq_name", stored.object().get("fq_name").deepCopy());
			}
			case "ref-update" -> answer.put("uuid", refUpdate(request));
			default -> {
				String uuid = request.path("uuid").asString("");
				store.relax(uuid, request.path("ref-uuid").asString(""));
				Stored referrer = store.byUuid(uuid);
				if (referrer != null) {
					counted(referrer);
				}
				answer.put("uuid", uuid);
			}
		}
		return answer;
	}

	private String refUpdate(JsonNode request) {
		String type = request.path("type").asString("").replace('_', '-');
		String uuid = request.path("uuid").asString("");
		String refType = request.path("ref-type").asString("").replace('_', '-');
		String operation = request.path("operation").asString("");
		String refUuid = request.path("ref-uuid").isString() ? request.path("ref-uuid").asString() : null;
		JsonNode refFqName = request.path("ref-fq-name");
		if (refUuid == null && !refFqName.isArray()) {
			throw new ApiError(404, "Either ref-uuid or ref-fq-name must be specified");
		}
		TfStore.requireType(refType);
		if (refUuid == null) {
			Stored target = store.find(refType, TfStore.strings(refFqName));
			if (target == null) {
				throw new ApiError(404, "Name " + PyRepr.pformat(TfStore.strings(refFqName)) + " not found");
			}
			refUuid = target.uuid();
		}
		if (store.byUuid(uuid) == null) {
			throw new ApiError(404, "UUID " + uuid + " not found");
		}
		if (!operation.equals("ADD") && !operation.equals("DELETE")) {
			throw new ApiError(409, "Unknown operation " + operation);
		}
		JsonNode attr = request.get("attr");
		store.updateRef(type, uuid, refType, refUuid, attr, operation.equals("ADD"));
		counted(store.require(type, uuid));
		return uuid;
	}

	private Stored counted(Stored written) {
		writes.count(objectKey(written.type(), written.fqName()));
		return written;
	}

	private JsonNode read(byte[] body) {
		if (body.length == 0) {
			throw new ApiError(400, "Bad Request, the body is empty");
		}
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new ApiError(400, "Bad Request, the body is not JSON");
		}
	}

	private Reply json(JsonNode body) {
		return new Reply(200, json.writeValueAsString(body), true);
	}

	private static Reply notAllowed() {
		return Reply.text(405, "Method not allowed");
	}

	private static @Nullable Set<String> csv(@Nullable String value) {
		if (value == null) {
			return null;
		}
		List<String> items = new ArrayList<>(Arrays.asList(value.split(",")));
		items.replaceAll(String::strip);
		return Set.copyOf(items);
	}

}
