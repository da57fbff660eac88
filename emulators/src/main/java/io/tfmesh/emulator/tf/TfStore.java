package io.tfmesh.emulator.tf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulated config database: objects as JSON trees keyed by uuid, with the checks
 * contrail-api makes before it writes, saved to a file after every change.
 */
final class TfStore {

	static final Set<String> TYPES = Set.of("domain", "project", "network-ipam", "virtual-network", "network-policy",
			"bgp-router", "routing-instance", "global-system-config", "route-target", "virtual-router",
			"instance-ip");

	private static final Map<String, String> DEFAULT_PARENT = Map.of("project", "domain", "network-ipam", "project",
			"virtual-network", "project", "network-policy", "project", "bgp-router", "routing-instance",
			"routing-instance", "virtual-network", "virtual-router", "global-system-config");

	/** Fields the server owns; a PUT that carries them (say, a whole object read back) leaves them alone. */
	private static final Set<String> IDENTITY = Set.of("uuid", "fq_name", "name", "href", "parent_type", "parent_uuid",
			"parent_href");

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final StateFile stateFile;

	private final ConfigChecks checks = new ConfigChecks(this);

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	private final Map<String, Stored> objects = new LinkedHashMap<>();

	/** Pairs (referrer uuid, referred uuid) whose reference does not block deleting the referred object. */
	private final Set<List<String>> relaxed = new LinkedHashSet<>();

	record Stored(String type, ObjectNode object) {

		String uuid() {
			return object.path("uuid").asString();
		}

		List<String> fqName() {
			return strings(object.path("fq_name"));
		}

		@Nullable String parentUuid() {
			return object.path("parent_uuid").isString() ? object.path("parent_uuid").asString() : null;
		}

	}

	TfStore(Path file, JsonMapper json) {
		this.stateFile = new StateFile(file, json);
	}

	static void requireType(String type) {
		if (!TYPES.contains(type)) {
			throw new ApiError(404, "Resource type '" + type + "' not found");
		}
	}

	synchronized @Nullable Stored find(String type, List<String> fqName) {
		for (Stored stored : objects.values()) {
			if (stored.type().equals(type) && stored.fqName().equals(fqName)) {
				return stored;
			}
		}
		return null;
	}

	synchronized @Nullable Stored byUuid(String uuid) {
		return objects.get(uuid);
	}

	/** The object of that type and uuid, or the 404 contrail-api answers. */
	synchronized Stored require(String type, String uuid) {
		requireType(type);
		Stored stored = objects.get(uuid);
		if (stored == null) {
			throw new ApiError(404, "Unknown id: " + uuid);
		}
		if (!stored.type().equals(type)) {
			throw new ApiError(404, "No " + type + " object found for id " + uuid);
		}
		return stored;
	}

	synchronized List<Stored> list(String type, Predicate<Stored> filter) {
		requireType(type);
		return objects.values().stream().filter(s -> s.type().equals(type)).filter(filter).toList();
	}

	synchronized List<Stored> all() {
		return List.copyOf(objects.values());
	}

	/**
	 * @param viaApi whether the request came through the REST API, whose create hooks add a
	 * network's default routing instance; the server's own default objects are made without them
	 */
	synchronized Stored create(String type, JsonNode request, boolean viaApi) {
		requireType(type);
		ObjectNode fields = body(request, type);
		JsonNode fqNode = fields.path("fq_name");
		if (!fqNode.isArray() || fqNode.isEmpty()) {
			throw new ApiError(400, "Bad Request, no fq_name in POST body");
		}
		List<String> fqName = strings(fqNode);
		Stored existing = find(type, fqName);
		if (existing != null) {
			throw new ApiError(409, PyRepr.pformat(fqName) + " already exists with uuid: " + existing.uuid());
		}
		String uuid = fields.path("uuid").isString() ? fields.path("uuid").asString() : UUID.randomUUID().toString();
		if (objects.containsKey(uuid)) {
			throw new ApiError(409,
					uuid + " already exists with fq_name: " + PyRepr.pformat(objects.get(uuid).fqName()));
		}
		ObjectNode object = NODES.objectNode();
		object.put("uuid", uuid);
		object.set("fq_name", fqNode.deepCopy());
		object.put("name", fqName.get(fqName.size() - 1));
		object.put("display_name", fqName.get(fqName.size() - 1));
		setParent(type, fields, fqName, object);
		for (Map.Entry<String, JsonNode> field : fields.properties()) {
			if (IDENTITY.contains(field.getKey()) || field.getValue().isNull() || isComputed(field.getKey())) {
				continue;
			}
			if (field.getKey().endsWith("_refs")) {
				List<ObjectNode> refs = resolveRefs(field.getKey(), field.getValue());
				if (refs == null) {
					throw new ApiError(400, "Unknown reference in resource create " + PyRepr.repr(fields) + ".");
				}
				object.set(field.getKey(), NODES.arrayNode().addAll(refs));
			}
			else {
				object.set(field.getKey(), field.getValue().deepCopy());
			}
		}
		normalizeSubnets(type, object, "create");
		checks.beforeCreate(type, object, viaApi);
		if (type.equals("virtual-network")) {
			checkNetwork(object, object, true);
		}
		if (type.equals("instance-ip")) {
			InstanceIps.allocate(this, object);
		}
		Stored stored = new Stored(type, object);
		objects.put(uuid, stored);
		if (viaApi && type.equals("virtual-network")) {
			ObjectNode instance = NODES.objectNode();
			ArrayNode instanceName = ((ArrayNode) object.get("fq_name")).deepCopy();
			instance.set("fq_name", instanceName.add(fqName.get(fqName.size() - 1)));
			instance.put("parent_type", "virtual-network");
			instance.put("routing_instance_is_default", true);
			create("routing-instance", wrap("routing-instance", instance), false);
			AutomaticRouteTargets.assign(this);
		}
		save();
		return stored;
	}

	/** Sets the given fields; a null removes one. Returns the updated object. */
	synchronized Stored update(String type, String uuid, JsonNode request) {
		Stored stored = require(type, uuid);
		ObjectNode fields = body(request, type).deepCopy();
		normalizeSubnets(type, fields, "http_put");
		checks.beforeUpdate(stored, fields);
		if (type.equals("instance-ip") && fields.has("instance_ip_address") && !fields.path("instance_ip_address")
			.equals(stored.object().path("instance_ip_address"))) {
			// instance_ip.py pre_dbe_update
			throw new ApiError(400, "Instance IP Address can not be changed");
		}
		ObjectNode object = stored.object().deepCopy();
		for (Map.Entry<String, JsonNode> field : fields.properties()) {
			String name = field.getKey();
			if (IDENTITY.contains(name) || isComputed(name)) {
				continue;
			}
			if (field.getValue().isNull()) {
				object.remove(name);
			}
			else if (name.endsWith("_refs")) {
				List<ObjectNode> refs = resolveRefs(name, field.getValue());
				if (refs == null) {
					throw new ApiError(400,
							"Unknown reference in resource update " + type + " " + PyRepr.repr(fields) + ".");
				}
				object.set(name, NODES.arrayNode().addAll(refs));
			}
			else {
				object.set(name, field.getValue().deepCopy());
			}
		}
		if (type.equals("virtual-network")) {
			checkNetwork(fields, object, false);
		}
		Stored updated = new Stored(type, object);
		objects.put(uuid, updated);
		if (type.equals("global-system-config")) {
			AutomaticRouteTargets.assign(this);
		}
		save();
		return updated;
	}

	/**
	 * Deletes as contrail-api does: refused while non-default children or unrelaxed
	 * references remain; a network takes its routing instances with it.
	 * @param base the server's address, for the hrefs in the refusal
	 */
	synchronized void delete(String type, String uuid, String base) {
		Stored stored = require(type, uuid);
		List<String> children = new ArrayList<>();
		for (Stored child : objects.values()) {
			if (uuid.equals(child.parentUuid()) && !isDerivedOrDefault(stored, child)) {
				children.add(href(base, child));
			}
		}
		if (!children.isEmpty()) {
			throw new ApiError(409, "Delete when children still present: " + PyRepr.strings(children));
		}
		List<String> referrers = new ArrayList<>();
		for (Stored other : objects.values()) {
			if (refersTo(other, uuid) && !relaxed.contains(List.of(other.uuid(), uuid))) {
				referrers.add(href(base, other));
			}
		}
		if (!referrers.isEmpty()) {
			throw new ApiError(409, "Delete when resource still referred: " + PyRepr.strings(referrers));
		}
		Set<String> removed = new LinkedHashSet<>();
		collectTree(uuid, removed);
		removed.forEach(objects::remove);
		// relaxed references go with the object they point to; stored trees are replaced, never changed
		for (Stored other : List.copyOf(objects.values())) {
			if (removed.stream().anyMatch(gone -> refersTo(other, gone))) {
				ObjectNode object = other.object().deepCopy();
				for (Map.Entry<String, JsonNode> field : object.properties()) {
					if (field.getKey().endsWith("_refs") && field.getValue().isArray()) {
						((ArrayNode) field.getValue()).removeIf(ref -> removed.contains(ref.path("uuid").asString()));
					}
				}
				objects.put(other.uuid(), new Stored(other.type(), object));
			}
		}
		relaxed.removeIf(pair -> removed.contains(pair.get(0)) || removed.contains(pair.get(1)));
		save();
	}

	/** Runs after every change is saved, as IFMap delivers configuration to its subscribers. */
	void onChange(Runnable listener) {
		listeners.add(listener);
	}

	/** {@code /ref-update}: adds (or re-attributes) or removes one reference. */
	synchronized void updateRef(String type, String uuid, String refType, String refUuid, @Nullable JsonNode attr,
			boolean add) {
		Stored stored = require(type, uuid);
		String field = refType.replace('-', '_') + "_refs";
		ObjectNode object = stored.object().deepCopy();
		ArrayNode refs = object.path(field).isArray() ? (ArrayNode) object.get(field) : object.putArray(field);
		refs.removeIf(ref -> ref.path("uuid").asString().equals(refUuid));
		if (add) {
			Stored target = objects.get(refUuid);
			if (target == null) {
				throw new ApiError(404, "Unknown id: " + refUuid);
			}
			refs.add(ref(target, attr));
		}
		if (type.equals("virtual-network") && add && refType.equals("network-ipam")) {
			checkNetwork(object, object, false);
		}
		objects.put(uuid, new Stored(type, object));
		save();
	}

	/** {@code /ref-relax-for-delete}: the reference no longer blocks deleting the referred object. */
	synchronized void relax(String uuid, String refUuid) {
		if (!objects.containsKey(uuid)) {
			throw new ApiError(404, "Unknown id: " + uuid);
		}
		relaxed.add(List.of(uuid, refUuid));
		save();
	}

	synchronized @Nullable GlobalAsn globalAsn() {
		Stored config = find("global-system-config", List.of("default-global-system-config"));
		if (config == null || !config.object().path("autonomous_system").isNumber()) {
			return null;
		}
		return new GlobalAsn(config.object().path("autonomous_system").asLong(),
				config.object().path("enable_4byte_as").asBoolean(false));
	}

	record GlobalAsn(long asn, boolean fourByte) {
	}

	synchronized void clear() {
		objects.clear();
		relaxed.clear();
		stateFile.delete();
	}

	synchronized void load() {
		StateFile.Contents contents = stateFile.load();
		contents.objects().forEach(stored -> objects.put(stored.uuid(), stored));
		relaxed.addAll(contents.relaxed());
	}

	private void save() {
		stateFile.save(objects.values(), relaxed);
		listeners.forEach(Runnable::run);
	}

	/** Puts an object the server derives (a route target, an instance's references) without the API's checks. */
	void putDerived(Stored stored) {
		objects.put(stored.uuid(), stored);
	}

	/** The {@code SubnetType}s of a request, as {@code _validate_props_in_request} and the reference validator see them. */
	private static void normalizeSubnets(String type, ObjectNode fields, String operation) {
		if (type.equals("network-ipam") && fields.path("ipam_subnets").isObject()) {
			ConfigChecks.normalizeSubnets("property", "ipam_subnets", fields.get("ipam_subnets").deepCopy(),
					fields.path("ipam_subnets").path("subnets"), operation);
		}
		if (type.equals("virtual-network")) {
			for (JsonNode ref : fields.path("network_ipam_refs")) {
				ConfigChecks.normalizeSubnets("reference", "network_ipam_refs", ref.deepCopy(),
						ref.path("attr").path("ipam_subnets"), operation);
			}
		}
	}

	private void setParent(String type, ObjectNode fields, List<String> fqName, ObjectNode object) {
		String parentType = fields.path("parent_type").isString() ? fields.path("parent_type").asString()
				: DEFAULT_PARENT.get(type);
		if (parentType == null || parentType.equals("config-root")) {
			return;
		}
		requireType(parentType);
		List<String> parentFqName = fqName.subList(0, fqName.size() - 1);
		Stored parent = parentFqName.isEmpty() ? null : find(parentType, parentFqName);
		if (parent == null) {
			throw new ApiError(400,
					"Parent " + PyRepr.pformat(parentFqName) + " type " + parentType + " does not exist");
		}
		object.put("parent_type", parentType);
		object.put("parent_uuid", parent.uuid());
	}

	/** @return the references with uuid and fq_name filled in, or null when one names no object */
	private @Nullable List<ObjectNode> resolveRefs(String field, JsonNode refs) {
		String refType = field.substring(0, field.length() - "_refs".length()).replace('_', '-');
		if (!TYPES.contains(refType) || !refs.isArray()) {
			return null;
		}
		List<ObjectNode> resolved = new ArrayList<>();
		for (JsonNode ref : refs) {
			Stored target = ref.path("uuid").isString() ? objects.get(ref.path("uuid").asString())
					: ref.path("to").isArray() ? find(refType, strings(ref.path("to"))) : null;
			if (target == null || !target.type().equals(refType)) {
				return null;
			}
			resolved.add(ref(target, ref.get("attr")));
		}
		return resolved;
	}

	private static ObjectNode ref(Stored target, @Nullable JsonNode attr) {
		ObjectNode ref = NODES.objectNode();
		ref.set("to", target.object().get("fq_name").deepCopy());
		ref.put("uuid", target.uuid());
		ref.set("attr", attr == null ? NODES.nullNode() : attr.deepCopy());
		return ref;
	}

	/**
	 * Route targets, and flat-subnet IPAM references: such a reference may not carry subnets of
	 * its own, and the server gives it a subnet uuid.
	 */
	private void checkNetwork(ObjectNode fields, ObjectNode object, boolean create) {
		GlobalAsn global = globalAsn();
		for (String list : List.of("route_target_list", "import_route_target_list", "export_route_target_list")) {
			if (!fields.path(list).path("route_target").isArray()) {
				continue;
			}
			ArrayNode normalized = NODES.arrayNode();
			for (JsonNode target : fields.path(list).path("route_target")) {
				normalized.add(RouteTargets.validate(target.asString(), global != null ? global.asn() : null,
						global != null && global.fourByte()));
			}
			((ObjectNode) object.path(list)).set("route_target", normalized);
		}
		if (!fields.has("network_ipam_refs")) {
			return;
		}
		for (JsonNode ref : object.path("network_ipam_refs")) {
			Stored ipam = objects.get(ref.path("uuid").asString());
			ObjectNode attr = ref.path("attr").isObject() ? (ObjectNode) ref.get("attr")
					: ((ObjectNode) ref).putObject("attr");
			ArrayNode subnets = attr.path("ipam_subnets").isArray() ? (ArrayNode) attr.get("ipam_subnets")
					: attr.putArray("ipam_subnets");
			boolean flat = ipam != null && "flat-subnet".equals(ipam.object().path("ipam_subnet_method").asString());
			if (flat) {
				for (JsonNode subnet : subnets) {
					if (subnet.path("subnet").path("ip_prefix").isString()) {
						throw new ApiError(400, "with flat-subnet, network can not have user-defined subnet");
					}
				}
				if (create || subnets.isEmpty()) {
					subnets.removeAll();
					subnets.addObject().put("subnet_uuid", UUID.randomUUID().toString());
				}
			}
			else {
				for (JsonNode subnet : subnets) {
					if (subnet.isObject() && !subnet.path("subnet_uuid").isString()) {
						((ObjectNode) subnet).put("subnet_uuid", UUID.randomUUID().toString());
					}
				}
			}
		}
	}

	private boolean isDerivedOrDefault(Stored parent, Stored child) {
		// a network's routing instances are derived objects; default-<type> children go with their parent
		return (parent.type().equals("virtual-network") && child.type().equals("routing-instance"))
				|| child.fqName().get(child.fqName().size() - 1).equals("default-" + child.type());
	}

	private void collectTree(String uuid, Set<String> removed) {
		removed.add(uuid);
		for (Stored child : objects.values()) {
			if (uuid.equals(child.parentUuid()) && !removed.contains(child.uuid())) {
				collectTree(child.uuid(), removed);
			}
		}
	}

	static boolean refersTo(Stored stored, String uuid) {
		for (Map.Entry<String, JsonNode> field : stored.object().properties()) {
			if (field.getKey().endsWith("_refs")) {
				for (JsonNode ref : field.getValue()) {
					if (uuid.equals(ref.path("uuid").asString())) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/** Children lists and back references are computed on read, never stored. */
	private static boolean isComputed(String field) {
		if (field.endsWith("_back_refs")) {
			return true;
		}
		return field.endsWith("s") && TYPES.contains(field.substring(0, field.length() - 1).replace('_', '-'));
	}

	static String href(String base, Stored stored) {
		return base + "/" + stored.type() + "/" + stored.uuid();
	}

	private static ObjectNode body(JsonNode request, String type) {
		JsonNode fields = request.path(type);
		if (!fields.isObject()) {
			throw new ApiError(400, "Bad Request, no '" + type + "' object in the body");
		}
		return (ObjectNode) fields;
	}

	static ObjectNode wrap(String type, ObjectNode fields) {
		ObjectNode body = NODES.objectNode();
		body.set(type, fields);
		return body;
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(item -> values.add(item.asString()));
		return values;
	}

}
