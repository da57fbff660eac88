package io.tfmesh.fabric.tf;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.system.retry.Retrying;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@link TfConfigApi} over HTTP, as vnc_api talks to contrail-api. */
public final class TfConfigApiClient implements TfConfigApi {

	/** Type names and uuids go into URL paths; anything else would change the request. */
	private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

	private final TfTransport transport;

	private final String shownUrl;

	public TfConfigApiClient(ClusterAccess.TungstenFabric endpoint, FabricSettings settings, JsonMapper json,
			Clock clock) {
		this(endpoint, settings, json, clock, Retrying.Sleeper.THREAD);
	}

	/** @param sleeper waits between attempts; tests pass one that only records the waits */
	TfConfigApiClient(ClusterAccess.TungstenFabric endpoint, FabricSettings settings, JsonMapper json, Clock clock,
			Retrying.Sleeper sleeper) {
		this(endpoint, httpClient(settings), settings, json, clock, sleeper);
	}

	/** Over an HTTP client that other clusters' clients share. */
	TfConfigApiClient(ClusterAccess.TungstenFabric endpoint, HttpClient http, FabricSettings settings, JsonMapper json,
			Clock clock) {
		this(endpoint, http, settings, json, clock, Retrying.Sleeper.THREAD);
	}

	private TfConfigApiClient(ClusterAccess.TungstenFabric endpoint, HttpClient http, FabricSettings settings,
			JsonMapper json, Clock clock, Retrying.Sleeper sleeper) {
		KeystoneSession keystone = endpoint.keystone() != null
				? new KeystoneSession(endpoint.keystone(), http, settings, json, clock) : null;
		this.transport = new TfTransport(endpoint.apiUrl(), http, settings, json, keystone, sleeper);
		this.shownUrl = TfTransport.shown(endpoint.apiUrl());
	}

	/**
	 * An HTTP client for config APIs and their Keystone. It carries no credentials (each request
	 * sends its own token), so one serves any number of clusters.
	 */
	static HttpClient httpClient(FabricSettings settings) {
		return HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/** Over a transport of the test's making. */
	TfConfigApiClient(TfTransport transport, String apiUrl) {
		this.transport = transport;
		this.shownUrl = TfTransport.shown(apiUrl);
	}

	@Override
	public List<TfRef> list(String type) {
		String collection = segment(type) + "s";
		JsonNode body = transport.get("/" + collection);
		List<TfRef> refs = new ArrayList<>();
		for (JsonNode entry : collection(body, collection)) {
			refs.add(new TfRef(type, TfJson.requiredText(entry, "uuid", "an entry of " + collection),
					TfJson.fqName(entry, "an entry of " + collection)));
		}
		return refs;
	}

	@Override
	public List<Project> projects() {
		return detailed(Project.TYPE, TfReader::project);
	}

	@Override
	public List<NetworkIpam> networkIpams() {
		return detailed(NetworkIpam.TYPE, TfReader::networkIpam);
	}

	@Override
	public List<VirtualNetwork> virtualNetworks() {
		return detailed(VirtualNetwork.TYPE, TfReader::virtualNetwork);
	}

	@Override
	public List<NetworkPolicy> networkPolicies() {
		return detailed(NetworkPolicy.TYPE, TfReader::networkPolicy);
	}

	@Override
	public List<String> instanceIpAddresses() {
		return detailed("instance-ip", object -> object.path("instance_ip_address").asString("")).stream()
			.filter(address -> !address.isBlank())
			.toList();
	}

	@Override
	public List<BgpRouter> bgpRouters() {
		return detailed(BgpRouter.TYPE, TfReader::bgpRouter);
	}

	@Override
	public GlobalSystemConfig globalSystemConfig() {
		return detailed(GlobalSystemConfig.TYPE, TfReader::globalSystemConfig).stream()
			.filter(config -> config.fqName().equals(GlobalSystemConfig.DEFAULT_FQ_NAME))
			.findFirst()
			.orElseThrow(() -> new FabricException(TfJson.SOURCE, Kind.NOT_FOUND, 0,
					"the cluster has no default-global-system-config"));
	}

	@Override
	public <T extends TfObject> T read(Class<T> kind, String uuid) {
		String type = typeOf(kind);
		return kind.cast(TfReader.read(type, readRaw(type, uuid)));
	}

	/**
	 * A POST that failed after it may have reached the server is not sent again blindly: the
	 * object is first looked up by its fq_name, as the POST would have named it.
	 */
	@Override
	public String create(TfObject object) {
		String type = segment(object.type());
		return naming("creating", object, () -> transport.create("/" + type + "s", TfWriter.createBody(object),
				body -> TfJson.requiredText(body.path(type), "uuid", "the answer to creating " + describe(object)),
				() -> created(object)));
	}

	/**
	 * A failed write names the object it was for (type and fq_name) ahead of the server's
	 * answer, which carries its status and reason.
	 */
	private static <T> T naming(String action, TfObject object, Supplier<T> write) {
		try {
			return write.get();
		}
		catch (FabricException ex) {
			throw named(ex, action, describe(object));
		}
	}

	private static FabricException named(FabricException ex, String action, String object) {
		String outcome = ex.status() >= 400 && ex.status() < 500 ? "refused " : "failed ";
		return new FabricException(ex.source(), ex.kind(), ex.status(),
				outcome + action + " " + object + ": " + ex.getMessage(), ex);
	}

	/**
	 * One look for the object a creation may have made: its uuid by fq_name, then the object by
	 * uuid. An object with the fq_name but another uuid than the one asked for is somebody
	 * else's: 409, as the POST would have answered.
	 */
	private Optional<String> created(TfObject object) {
		String uuid;
		JsonNode stored;
		try {
			uuid = TfJson.requiredText(
					transport.once("POST", "/fqname-to-id", fqNameRequest(object.type(), object.fqName())), "uuid",
					"the answer to fqname-to-id");
			if (object.uuid() != null && !object.uuid().equals(uuid)) {
				throw new FabricException(TfJson.SOURCE, Kind.CONFLICT, 409,
						describe(object) + " already exists with uuid: " + uuid);
			}
			stored = transport.once("GET", "/" + object.type() + "/" + segment(uuid), null);
		}
		catch (FabricException ex) {
			if (ex.kind() == Kind.NOT_FOUND) {
				// not created, or deleted since
				return Optional.empty();
			}
			throw ex;
		}
		if (!stored.path(object.type()).isObject()) {
			throw TfJson.invalid("reading " + object.type() + " " + uuid + " gave no '" + object.type() + "' object");
		}
		return Optional.of(uuid);
	}

	@Override
	public void update(TfObject object) {
		if (object.uuid() == null) {
			throw new IllegalArgumentException("updating " + describe(object) + " needs its uuid");
		}
		naming("updating", object, () -> {
			JsonNode stored = readRaw(object.type(), object.uuid());
			ObjectNode body = TfWriter.updateBody(object, stored);
			return transport.put("/" + object.type() + "/" + segment(object.uuid()), body);
		});
	}

	@Override
	public Written write(TfObject object) {
		String uuid;
		try {
			uuid = fqNameToId(object.type(), object.fqName());
		}
		catch (FabricException ex) {
			if (ex.kind() != Kind.NOT_FOUND) {
				throw named(ex, "looking up", describe(object));
			}
			create(object);
			return Written.CREATED;
		}
		return naming("updating", object, () -> {
			JsonNode stored = readRaw(object.type(), uuid);
			ObjectNode body = TfWriter.updateBody(object, stored);
			// the body always names the object; any other field is one that differs
			if (body.path(object.type()).size() <= 1) {
				return Written.UNCHANGED;
			}
			transport.put("/" + object.type() + "/" + segment(uuid), body);
			return Written.UPDATED;
		});
	}

	/** A failed delete names the object by type and uuid, which is all the caller gave. */
	@Override
	public void delete(String type, String uuid) {
		String path = "/" + segment(type) + "/" + segment(uuid);
		try {
			transport.delete(path);
		}
		catch (FabricException ex) {
			throw named(ex, "deleting", type + " " + uuid);
		}
	}

	@Override
	public String fqNameToId(String type, List<String> fqName) {
		return TfJson.requiredText(transport.lookUp("/fqname-to-id", fqNameRequest(type, fqName)), "uuid",
				"the answer to fqname-to-id");
	}

	private static ObjectNode fqNameRequest(String type, List<String> fqName) {
		ObjectNode request = TfJson.object();
		request.put("type", type);
		request.set("fq_name", TfJson.stringArray(fqName));
		return request;
	}

	private JsonNode readRaw(String type, String uuid) {
		JsonNode body = transport.get("/" + segment(type) + "/" + segment(uuid));
		JsonNode object = body.path(type);
		if (!object.isObject()) {
			throw TfJson.invalid("reading " + type + " " + uuid + " gave no '" + type + "' object");
		}
		return object;
	}

	private <T> List<T> detailed(String type, Function<JsonNode, T> reader) {
		String collection = type + "s";
		JsonNode body = transport.get("/" + collection + "?detail=True");
		List<T> objects = new ArrayList<>();
		for (JsonNode entry : collection(body, collection)) {
			// with detail=True every entry is wrapped in its type name
			JsonNode object = entry.path(type);
			if (!object.isObject()) {
				throw TfJson.invalid("an entry of " + collection + " has no '" + type + "' object");
			}
			objects.add(reader.apply(object));
		}
		return objects;
	}

	private static JsonNode collection(JsonNode body, String collection) {
		JsonNode entries = body.path(collection);
		if (!entries.isArray()) {
			throw TfJson.invalid("listing " + collection + " gave no '" + collection + "' list");
		}
		return entries;
	}

	static String typeOf(Class<? extends TfObject> kind) {
		if (kind == Project.class) {
			return Project.TYPE;
		}
		if (kind == NetworkIpam.class) {
			return NetworkIpam.TYPE;
		}
		if (kind == VirtualNetwork.class) {
			return VirtualNetwork.TYPE;
		}
		if (kind == NetworkPolicy.class) {
			return NetworkPolicy.TYPE;
		}
		if (kind == BgpRouter.class) {
			return BgpRouter.TYPE;
		}
		if (kind == GlobalSystemConfig.class) {
			return GlobalSystemConfig.TYPE;
		}
		throw new IllegalArgumentException(kind + " is not a TF object type");
	}

	private static String segment(String value) {
		if (!PATH_SEGMENT.matcher(value).matches()) {
			throw new IllegalArgumentException("'" + value + "' is not a TF type name or uuid");
		}
		return value;
	}

	@Override
	public String toString() {
		return "TfConfigApiClient[" + shownUrl + "]";
	}

	private static String describe(TfObject object) {
		return object.type() + " " + String.join(":", object.fqName());
	}

}
