package io.tfmesh.emulator.tf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tfmesh.emulator.Faults;
import io.tfmesh.emulator.Faults.Fault;
import io.tfmesh.emulator.WriteCounts;
import io.tfmesh.emulator.tf.ConfigApiRoutes.Reply;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An emulated TF config API (contrail-api) on a local port: the real URL shapes, payloads and
 * error answers, a store that survives restarts in a state file, optional Keystone
 * authentication, faults to inject for demos and tests, and a count of the writes it accepted.
 */
public final class TfConfigApiEmulator implements AutoCloseable {

	private static final String KEYSTONE_TOKENS = "/v3/auth/tokens";

	/**
	 * What contrail-api answers, with 503, to every request until its database resync is done:
	 * {@code check_db_resync_status} in tf-controller
	 * {@code src/config/api-server/vnc_cfg_api_server/api_server.py}.
	 */
	static final String RESYNCING = "Api server is Initializing:DB Resync in progress";

	private final String host;

	private final int port;

	private final TfStore store;

	private final ConfigApiRoutes routes;

	private final KubeManagerSeed seed;

	private final ComputeNodes computeNodes;

	private final JsonMapper json;

	private final ExecutorService executor;

	private @Nullable HttpServer server;

	private final Faults faults = new Faults();

	private final WriteCounts writes = new WriteCounts();

	private volatile @Nullable Credentials keystone;

	private final Set<String> tokens = ConcurrentHashMap.newKeySet();

	/** A control node to provision: its bgp-router is named by the hostname. */
	/** A bgp-router peered with a control node, with its {@code bgp_router_parameters}. */
	public record BgpPeer(String name, String address, long asn, String routerType) {
	}

	public record BgpRouterSeed(String hostname, String address) {
	}

	private record Credentials(String username, String password, String project) {

		@Override
		public String toString() {
			return "Credentials[" + username + ", " + project + "]";
		}

	}

	private TfConfigApiEmulator(String host, TfStore store, JsonMapper json, int port) {
		this.host = host;
		this.store = store;
		this.routes = new ConfigApiRoutes(store, json, writes);
		this.seed = new KubeManagerSeed(store);
		this.computeNodes = new ComputeNodes(store);
		this.json = json;
		this.executor = Executors.newCachedThreadPool(task -> {
			Thread thread = new Thread(task, "tf-config-api-emulator");
			thread.setDaemon(true);
			return thread;
		});
		this.server = listen(host, port);
		this.port = server.getAddress().getPort();
	}

	/**
	 * Starts listening, with the objects of the state file when it exists.
	 * @param port 0 for any free port
	 */
	public static TfConfigApiEmulator start(String host, int port, Path stateFile, JsonMapper json) {
		TfStore store = new TfStore(stateFile, json);
		store.load();
		return new TfConfigApiEmulator(host, store, json, port);
	}

	public int port() {
		return port;
	}

	public String url() {
		return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
	}

	/** From now on every config request needs an {@code X-Auth-Token} issued at {@code /v3/auth/tokens}. */
	public void requireKeystone(String username, String password, String project) {
		keystone = new Credentials(username, password, project);
	}

	/** Invalidates every issued token, as their expiry would. */
	public void expireTokens() {
		tokens.clear();
	}

	/** Down stops listening, so connections are refused; up listens again on the same port. */
	public synchronized void down(boolean down) {
		if (down && server != null) {
			server.stop(0);
			server = null;
		}
		else if (!down && server == null) {
			server = listen(host, port);
		}
	}

	/** Delays every answer by this much. */
	public void latency(Duration latency) {
		faults.latency(latency);
	}

	/**
	 * This share (0 to 1) of config requests answer 503 with the reason contrail-api gives while
	 * it resyncs its database, before anything is read or written.
	 */
	public void errorRate(double share) {
		faults.errorRate(share);
	}

	/**
	 * This share (0 to 1) of config requests time out: the connection stays silent for
	 * {@code hang}, then closes without an answer. Such a request never reaches the store, so a
	 * write that timed out was not carried out.
	 */
	public void timeoutRate(double share, Duration hang) {
		faults.timeoutRate(share, hang);
	}

	/**
	 * This share (0 to 1) of config requests are carried out, then their answer is lost: the
	 * connection stays silent for {@code hang} and closes. A create that is tried again is
	 * refused with 409, as the object exists.
	 */
	public void lostAnswerRate(double share, Duration hang) {
		faults.lostAnswerRate(share, hang);
	}

	/** The next {@code count} config requests answer 503, whatever the error rate. */
	public void failNext(int count) {
		faults.failNext(count);
	}

	/** Draws the random faults from this generator, so a test can repeat them. */
	public void faultRandom(RandomGenerator random) {
		faults.random(random);
	}

	/** Clears every fault, listens again if down, and sets the write counts back to zero. */
	public synchronized void resetFaults() {
		faults.clear();
		writes.reset();
		down(false);
	}

	/**
	 * The writes of one object the API accepted (create, update, delete and reference updates)
	 * since the last {@link #resetFaults()}.
	 * @param objectKey the type and fq_name, such as
	 * {@code network-ipam/default-domain:k8s-default:k8s-pod-ipam}
	 */
	public long writes(String objectKey) {
		return writes.writes(objectKey);
	}

	/** Every object written through the API with its count of accepted writes, by key. */
	public Map<String, Long> writes() {
		return writes.snapshot();
	}

	/** Empties the store and deletes the state file. */
	public void reset() {
		store.clear();
	}

	/**
	 * Writes what kube-manager provisions for a cluster (§4.1, §4.2), and the server's own
	 * default objects it relies on. An IPAM that already has subnets keeps them.
	 */
	public void provisionLikeKubeManager(String clusterName, List<String> podSubnets, List<String> serviceSubnets,
			List<String> ipFabricSubnets) {
		provisionLikeKubeManager(clusterName, podSubnets, serviceSubnets, ipFabricSubnets, false);
	}

	/**
	 * As {@link #provisionLikeKubeManager(String, List, List, List)}, with kube-manager's
	 * KUBERNETES_IP_FABRIC_FORWARDING: when on, the pod network references the ip-fabric IPAM
	 * (tf-controller {@code vnc_kubernetes.py}, {@code _provision_cluster}), so pods take their
	 * addresses from the ip-fabric subnets.
	 */
	public void provisionLikeKubeManager(String clusterName, List<String> podSubnets, List<String> serviceSubnets,
			List<String> ipFabricSubnets, boolean ipFabricForwarding) {
		seed.provisionCluster(clusterName, podSubnets, serviceSubnets, ipFabricSubnets, ipFabricForwarding);
	}

	/**
	 * Writes what the provisioner does for the control nodes: the global ASN with iBGP
	 * auto-mesh, and a control-node bgp-router for each.
	 */
	public void provisionControl(long asn, List<BgpRouterSeed> controlNodes) {
		seed.provisionControl(asn, controlNodes);
	}

	/** Writes a node's virtual-router, named by its hostname, unless it has one. */
	public void provisionVirtualRouter(String hostname, String address) {
		computeNodes.provisionVirtualRouter(hostname, address);
	}

	/**
	 * Gives this many pods an instance-ip each on the cluster's pod network, from the subnets
	 * of the IPAMs it references, as kube-manager does when pods start.
	 * @return the addresses, in order
	 */
	public List<String> allocatePodInstanceIps(String clusterName, int pods) {
		return computeNodes.podInstanceIps(clusterName, pods);
	}

	/**
	 * Restarts every pod on the cluster's pod network as far as TF sees it: their instance-ips are
	 * given back and taken again from the first subnet with free addresses.
	 * @return the pods' new addresses
	 */
	public List<String> restartPodNetworkPods(String clusterName) {
		return computeNodes.restartPodInstanceIps(clusterName);
	}

	/** Whether a node of that hostname has its virtual-router under {@code default-global-system-config}. */
	public boolean hasVirtualRouter(String hostname) {
		return computeNodes.hasVirtualRouter(hostname);
	}

	/** Whether a control node of that hostname has its bgp-router under {@code ip-fabric:__default__}. */
	public boolean hasBgpRouter(String hostname) {
		return computeNodes.hasBgpRouter(hostname);
	}

	/** The ASN of {@code default-global-system-config}, which its control nodes speak BGP with; 0 when unset. */
	public long globalAsn() {
		TfStore.GlobalAsn global = store.globalAsn();
		return (global == null) ? 0 : global.asn();
	}

	/** The bgp-routers peered with the control node of that hostname; none when it has no bgp-router. */
	public List<BgpPeer> bgpPeers(String hostname) {
		return computeNodes.bgpPeers(hostname);
	}

	/**
	 * Deletes the bgp-router of the control node of that hostname, as
	 * {@code DELETE /bgp-router/<uuid>} would.
	 * @return false when it had none
	 * @throws IllegalStateException with the config API's refusal (status and reason)
	 */
	public boolean deleteBgpRouter(String hostname) {
		return computeNodes.deleteBgpRouter(hostname, url());
	}

	/** Runs after every change of the stored objects, whether through the API or provisioning. */
	public void onChange(Runnable listener) {
		store.onChange(listener);
	}

	@Override
	public synchronized void close() {
		if (server != null) {
			server.stop(0);
			server = null;
		}
		executor.shutdownNow();
	}

	private HttpServer listen(String host, int port) {
		try {
			HttpServer listening = HttpServer.create(new InetSocketAddress(host, port), 0);
			listening.createContext("/", this::handle);
			listening.setExecutor(executor);
			listening.start();
			return listening;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the TF config API emulator cannot listen on " + host + ":" + port, ex);
		}
	}

	private void handle(HttpExchange exchange) {
		try {
			if (!waited(faults.latency())) {
				return;
			}
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			byte[] body = exchange.getRequestBody().readAllBytes();
			Credentials credentials = keystone;
			if (credentials != null && path.equals(KEYSTONE_TOKENS)) {
				issueToken(exchange, method, body, credentials);
				return;
			}
			String token = exchange.getRequestHeaders().getFirst("X-Auth-Token");
			if (credentials != null && (token == null || !tokens.contains(token))) {
				exchange.getResponseHeaders().add("WWW-Authenticate", "Keystone uri=\"" + url() + "/v3\"");
				send(exchange, new Reply(401, keystoneError(401, "Unauthorized",
						"The request you have made requires authentication."), true));
				return;
			}
			Fault fault = faults.next();
			switch (fault) {
				// the keystone middleware sits in front of the API's bottle app and its hooks
				case UNAVAILABLE -> send(exchange, Reply.text(503, RESYNCING));
				// closing the exchange before any header is sent closes the connection
				case TIMEOUT -> waited(faults.hang());
				case LOST_ANSWER -> {
					routes.handle(method, path, query(exchange), body, base(exchange));
					waited(faults.hang());
				}
				case ANSWER -> send(exchange, routes.handle(method, path, query(exchange), body, base(exchange)));
			}
		}
		catch (IOException ex) {
			// the client went away; nothing to answer
		}
		catch (RuntimeException ex) {
			try {
				send(exchange, Reply.text(500, "Internal Server Error: " + ex.getMessage()));
			}
			catch (IOException | RuntimeException ignored) {
				// the client went away
			}
		}
		finally {
			exchange.close();
		}
	}

	/** @return false when the wait was cut short by closing, and the answer would go nowhere */
	private static boolean waited(Duration delay) {
		long deadline = System.nanoTime() + delay.toNanos();
		for (long left = delay.toNanos(); left > 0; left = deadline - System.nanoTime()) {
			LockSupport.parkNanos(left);
			if (Thread.interrupted()) {
				return false;
			}
		}
		return true;
	}

	private void issueToken(HttpExchange exchange, String method, byte[] body, Credentials credentials)
			throws IOException {
		if (!method.equals("POST")) {
			send(exchange, Reply.text(405, "Method not allowed"));
			return;
		}
		JsonNode auth;
		try {
			auth = json.readTree(body).path("auth");
		}
		catch (JacksonException ex) {
			send(exchange, new Reply(400, keystoneError(400, "Bad Request", "Malformed JSON"), true));
			return;
		}
		JsonNode user = auth.path("identity").path("password").path("user");
		if (!credentials.username().equals(user.path("name").asString(""))
				|| !credentials.password().equals(user.path("password").asString(""))
				|| !credentials.project().equals(auth.path("scope").path("project").path("name").asString(""))) {
			send(exchange, new Reply(401,
					keystoneError(401, "Unauthorized", "The request you have made requires authentication."), true));
			return;
		}
		String token = UUID.randomUUID().toString().replace("-", "");
		tokens.add(token);
		ObjectNode answer = TfStore.NODES.objectNode();
		ObjectNode issued = answer.putObject("token");
		issued.putArray("methods").add("password");
		Instant now = Instant.now();
		issued.put("issued_at", now.toString());
		issued.put("expires_at", now.plus(Duration.ofHours(1)).toString());
		ObjectNode issuedUser = issued.putObject("user");
		issuedUser.put("name", credentials.username());
		issuedUser.putObject("domain").put("name", "Default");
		ObjectNode project = issued.putObject("project");
		project.put("name", credentials.project());
		project.putObject("domain").put("name", "Default");
		exchange.getResponseHeaders().add("X-Subject-Token", token);
		send(exchange, new Reply(201, json.writeValueAsString(answer), true));
	}

	private String keystoneError(int code, String title, String message) {
		ObjectNode answer = TfStore.NODES.objectNode();
		ObjectNode error = answer.putObject("error");
		error.put("code", code);
		error.put("title", title);
		error.put("message", message);
		return json.writeValueAsString(answer);
	}

	private static void send(HttpExchange exchange, Reply reply) throws IOException {
		byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.set("Content-Type", reply.isJson() ? "application/json; charset=\"UTF-8\"" : "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
	}

	/** contrail-api builds hrefs from the address the client used. */
	private String base(HttpExchange exchange) {
		String hostHeader = exchange.getRequestHeaders().getFirst("Host");
		return hostHeader != null && !hostHeader.isBlank() ? "http://" + hostHeader : url();
	}

	private static Map<String, String> query(HttpExchange exchange) {
		Map<String, String> query = new LinkedHashMap<>();
		String raw = exchange.getRequestURI().getRawQuery();
		if (raw == null || raw.isEmpty()) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String name = equals < 0 ? pair : pair.substring(0, equals);
			String value = equals < 0 ? "" : pair.substring(equals + 1);
			query.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return query;
	}

}
