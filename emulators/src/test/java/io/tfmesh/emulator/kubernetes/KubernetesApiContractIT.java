package io.tfmesh.emulator.kubernetes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulated API answers as a Kubernetes API server does, over plain HTTP. The expected codes,
 * reasons and messages come from upstream Kubernetes: {@code staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go},
 * {@code staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go},
 * {@code staging/src/k8s.io/apiserver/pkg/storage/continue.go} and
 * {@code pkg/printers/internalversion/printers.go}.
 */
class KubernetesApiContractIT {

	/** What kubectl 1.20 to 1.32 send for {@code kubectl get}. */
	private static final String KUBECTL_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

	private static final String CONFIG_MAPS = "/api/v1/namespaces/kube-system/configmaps";

	private static final JsonMapper JSON = new JsonMapper();

	private static final Instant SEEDED = Instant.parse("2026-11-30T01:00:00Z");

	@TempDir
	Path stateDir;

	private EmulatedKubernetes kubernetes;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeEach
	void start() {
		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, stateDir, Clock.fixed(SEEDED, ZoneOffset.UTC));
		kubernetes.seed(Seeds.awsEast());
	}

	@AfterEach
	void stop() {
		kubernetes.close();
	}

	@Test
	void aMissingObjectIsNotFoundNamedByItsGroupQualifiedResource() throws Exception {
		// errors.go NewNotFound: "%s %q not found" of the GroupResource, details.kind is the resource
		Answer configMap = send("GET", CONFIG_MAPS + "/x", null, null);
		assertStatus(configMap, 404, "NotFound", "configmaps \"x\" not found");
		assertThat(configMap.json().path("details").path("name").asString()).isEqualTo("x");
		assertThat(configMap.json().path("details").path("kind").asString()).isEqualTo("configmaps");
		assertThat(configMap.json().path("details").has("group")).isFalse();

		Answer daemonSet = send("GET", "/apis/apps/v1/namespaces/kube-system/daemonsets/x", null, null);
		assertStatus(daemonSet, 404, "NotFound", "daemonsets.apps \"x\" not found");
		assertThat(daemonSet.json().path("details").path("group").asString()).isEqualTo("apps");

		assertStatus(send("DELETE", "/api/v1/namespaces/default/pods/gone", null, null), 404, "NotFound",
				"pods \"gone\" not found");
		assertStatus(send("PATCH", CONFIG_MAPS + "/x", "application/merge-patch+json", "{}"), 404, "NotFound",
				"configmaps \"x\" not found");
	}

	@Test
	void aSecondObjectOfTheSameNameAlreadyExists() throws Exception {
		// errors.go NewAlreadyExists: "%s %q already exists"
		Answer answer = send("POST", CONFIG_MAPS, "application/json", configMap("env", null));

		assertStatus(answer, 409, "AlreadyExists", "configmaps \"env\" already exists");
		assertThat(answer.json().path("details").path("kind").asString()).isEqualTo("configmaps");
	}

	@Test
	void nothingIsCreatedInANamespaceThatDoesNotExist() throws Exception {
		// plugin/pkg/admission/namespace/lifecycle/admission.go answers with NewNotFound of the namespace
		Answer answer = send("POST", "/api/v1/namespaces/shop/configmaps", "application/json", configMap("settings", null));

		assertStatus(answer, 404, "NotFound", "namespaces \"shop\" not found");
		assertThat(answer.json().path("details").path("kind").asString()).isEqualTo("namespaces");
	}

	@Test
	void aWriteBasedOnAStaleVersionConflicts() throws Exception {
		JsonNode env = send("GET", CONFIG_MAPS + "/env", null, null).json();
		String read = env.path("metadata").path("resourceVersion").asString();
		Answer changed = send("PATCH", CONFIG_MAPS + "/env", "application/merge-patch+json",
				"{\"metadata\":{\"resourceVersion\":\"" + read + "\"},\"data\":{\"LOG_LEVEL\":\"SYS_DEBUG\"}}");
		assertThat(changed.code()).isEqualTo(200);
		assertThat(changed.json().path("metadata").path("resourceVersion").asString()).isNotEqualTo(read);

		// errors.go NewConflict with the storage's "the object has been modified" error
		String message = "Operation cannot be fulfilled on configmaps \"env\": the object has been modified; please apply your changes to the latest version and try again";
		assertStatus(send("PUT", CONFIG_MAPS + "/env", "application/json", configMap("env", read)), 409, "Conflict",
				message);
		assertStatus(send("PATCH", CONFIG_MAPS + "/env", "application/merge-patch+json",
				"{\"metadata\":{\"resourceVersion\":\"" + read + "\"},\"data\":{\"LOG_LEVEL\":\"SYS_INFO\"}}"), 409,
				"Conflict", message);
		assertThat(send("GET", CONFIG_MAPS + "/env", null, null).json().path("data").path("LOG_LEVEL").asString())
			.isEqualTo("SYS_DEBUG");
	}

	@Test
	void anInvalidNameIsUnprocessable() throws Exception {
		// errors.go NewInvalid with validation.go's IsDNS1123Subdomain message
		Answer answer = send("POST", CONFIG_MAPS, "application/json", configMap("Bad_Name", null));
		assertStatus(answer, 422, "Invalid",
				"ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
		assertThat(answer.json().path("details").path("kind").asString()).isEqualTo("ConfigMap");
		assertThat(answer.json().path("details").path("causes").get(0).path("field").asString())
			.isEqualTo("metadata.name");
		assertThat(answer.json().path("details").path("causes").get(0).path("reason").asString())
			.isEqualTo("FieldValueInvalid");

		// a Service name is a DNS-1035 label: IsDNS1035Label
		Answer service = send("POST", "/api/v1/namespaces/default/services", "application/json",
				"{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"1dns\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
		assertStatus(service, 422, "Invalid",
				"Service \"1dns\" is invalid: metadata.name: Invalid value: \"1dns\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
	}

	@Test
	void anObjectWithoutNameOrGenerateNameIsUnprocessable() throws Exception {
		// errors.go NewInvalid with field.Required of metadata.name
		Answer answer = send("POST", CONFIG_MAPS, "application/json",
				"{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{}}");
		assertStatus(answer, 422, "Invalid",
				"ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required");

		Answer generated = send("POST", CONFIG_MAPS, "application/json",
				"{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"run-\"}}");
		assertThat(generated.code()).isEqualTo(201);
		assertThat(generated.json().path("metadata").path("name").asString()).matches("run-[bcdfghjklmnpqrstvwxz2456789]{5}");
	}

	@Test
	void aServiceKeepsItsClusterIpThroughUpdatesThatLeaveItOutAndCannotChangeIt() throws Exception {
		String web = "/api/v1/namespaces/default/services/web";
		send("POST", "/api/v1/namespaces/default/services", "application/json",
				"{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"ports\":[{\"port\":80}]}}");

		Answer replaced = send("PUT", web, "application/json",
				"{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"ports\":[{\"port\":8080}]}}");
		assertThat(replaced.code()).isEqualTo(200);
		assertThat(replaced.json().path("spec").path("clusterIP").asString()).isEqualTo("10.96.0.2");

		Answer moved = send("PATCH", web, "application/merge-patch+json",
				"{\"spec\":{\"clusterIP\":\"10.96.0.3\",\"clusterIPs\":[\"10.96.0.3\"]}}");
		assertStatus(moved, 422, "Invalid",
				"Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.3\"}: may not change once set");
	}

	@Test
	void aListCannotBeContinuedAcrossAReset() throws Exception {
		String next = send("GET", "/api/v1/configmaps?limit=1", null, null).json().path("metadata").path("continue")
			.asString();

		kubernetes.reset(Seeds.awsEast());

		// etcd3 store.go answers a token from before a compaction with NewResourceExpired
		assertStatus(send("GET", "/api/v1/configmaps?limit=1&continue=" + next, null, null), 410, "Expired",
				ListPages.EXPIRED);
	}

	@Test
	void tableRowsCarryTheObjectAsAskedByIncludeObject() throws Exception {
		String env = CONFIG_MAPS + "/env";
		JsonNode metadataOnly = get(env, KUBECTL_ACCEPT).json().path("rows").get(0).path("object");
		assertThat(metadataOnly.path("kind").asString()).isEqualTo("PartialObjectMetadata");
		assertThat(metadataOnly.path("metadata").path("name").asString()).isEqualTo("env");
		assertThat(metadataOnly.has("data")).isFalse();

		JsonNode whole = get(env + "?includeObject=Object", KUBECTL_ACCEPT).json().path("rows").get(0).path("object");
		assertThat(whole.path("kind").asString()).isEqualTo("ConfigMap");
		assertThat(whole.path("data").path("CONTROLLER_NODES").asString()).isEqualTo("127.0.10.1");

		assertThat(get(env + "?includeObject=None", KUBECTL_ACCEPT).json().path("rows").get(0).has("object")).isFalse();
	}

	@Test
	void aMergePatchReplacesListsAndDeletesKeysSetToNull() throws Exception {
		String services = "/api/v1/namespaces/default/services";
		send("POST", services, "application/json",
				"{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}},"
						+ "\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80},{\"name\":\"https\",\"port\":443}]}}");

		Answer patched = send("PATCH", services + "/web", "application/merge-patch+json",
				"{\"metadata\":{\"labels\":{\"b\":null}},\"spec\":{\"ports\":[{\"name\":\"alt\",\"port\":8080}]}}");

		assertThat(patched.code()).isEqualTo(200);
		assertThat(patched.json().path("metadata").path("labels").properties()).extracting(entry -> entry.getKey())
			.containsExactly("a");
		assertThat(patched.json().path("spec").path("ports")).hasSize(1);
		assertThat(patched.json().path("spec").path("ports").get(0).path("name").asString()).isEqualTo("alt");
		assertThat(patched.json().path("spec").path("clusterIP").asString()).isEqualTo(
				send("GET", services + "/web", null, null).json().path("spec").path("clusterIP").asString());
	}

	@Test
	void aStrategicMergePatchMergesContainersByName() throws Exception {
		String daemonSet = "/apis/apps/v1/namespaces/kube-system/daemonsets/contrail-kube-manager";
		JsonNode before = send("GET", daemonSet, null, null).json();
		String container = before.path("spec").path("template").path("spec").path("containers").get(0).path("name")
			.asString();
		int containers = before.path("spec").path("template").path("spec").path("containers").size();

		Answer patched = send("PATCH", daemonSet, "application/strategic-merge-patch+json",
				"{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"" + container
						+ "\",\"image\":\"tungstenfabric/contrail-kubernetes-kube-manager:patched\"}]}}}}");

		assertThat(patched.code()).isEqualTo(200);
		JsonNode after = patched.json().path("spec").path("template").path("spec").path("containers");
		assertThat(after).hasSize(containers);
		assertThat(after.get(0).path("image").asString()).endsWith(":patched");
		assertThat(after.get(0).path("envFrom")).isEqualTo(before.path("spec").path("template").path("spec")
			.path("containers").get(0).path("envFrom"));
		assertThat(patched.json().path("metadata").path("generation").asLong())
			.isEqualTo(before.path("metadata").path("generation").asLong() + 1);
	}

	@Test
	void aPatchOfAnotherMediaTypeIsUnsupported() throws Exception {
		// handlers/patch.go: errUnsupportedMediaType of negotiation/errors.go with the patch types of built-in kinds
		assertStatus(send("PATCH", CONFIG_MAPS + "/env", "application/json", "{}"), 415, "UnsupportedMediaType",
				"the body of the request was in an unknown format - accepted media types include: "
						+ "application/json-patch+json, application/merge-patch+json, "
						+ "application/strategic-merge-patch+json, application/apply-patch+yaml");
	}

	@Test
	void onlyKindsWithASpecForControllersHaveAGeneration() throws Exception {
		JsonNode env = send("GET", CONFIG_MAPS + "/env", null, null).json();
		assertThat(env.path("metadata").has("generation")).isFalse();
		assertThat(env.path("metadata").path("uid").asString()).matches("[0-9a-f-]{36}");
		assertThat(env.path("metadata").path("creationTimestamp").asString()).isEqualTo("2026-11-30T01:00:00Z");
		JsonNode daemonSet = send("GET", "/apis/apps/v1/namespaces/kube-system/daemonsets/contrail-agent", null, null)
			.json();
		assertThat(daemonSet.path("metadata").path("generation").asLong()).isEqualTo(1);

		// the same content written again is no change: the version stays
		String version = env.path("metadata").path("resourceVersion").asString();
		Answer same = send("PUT", CONFIG_MAPS + "/env", "application/json", JSON.writeValueAsString(env));
		assertThat(same.json().path("metadata").path("resourceVersion").asString()).isEqualTo(version);
		assertThat(same.json().path("metadata").has("generation")).isFalse();
	}

	@Test
	void everyClusterHasTheKubernetesAndDnsServicesAndNewServicesGetAClusterIpFromTheSubnet() throws Exception {
		JsonNode kubernetesService = send("GET", "/api/v1/namespaces/default/services/kubernetes", null, null).json();
		assertThat(kubernetesService.path("spec").path("clusterIP").asString()).isEqualTo("10.96.0.1");
		JsonNode https = kubernetesService.path("spec").path("ports").get(0);
		assertThat(List.of(https.path("name").asString(), https.path("port").asInt(), https.path("targetPort").asInt()))
			.containsExactly("https", 443, 6443);

		JsonNode dns = send("GET", "/api/v1/namespaces/kube-system/services/kube-dns", null, null).json();
		assertThat(dns.path("spec").path("clusterIP").asString()).isEqualTo("10.96.0.10");
		assertThat(dns.path("metadata").path("labels").path("k8s-app").asString()).isEqualTo("kube-dns");
		List<String> ports = new ArrayList<>();
		dns.path("spec").path("ports").forEach(port -> ports.add(port.path("name").asString() + " "
				+ port.path("port").asInt() + "/" + port.path("protocol").asString()));
		assertThat(ports).containsExactly("dns 53/UDP", "dns-tcp 53/TCP", "metrics 9153/TCP");

		Answer created = send("POST", "/api/v1/namespaces/default/services", "application/json",
				"{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
		assertThat(created.code()).isEqualTo(201);
		assertThat(created.json().path("spec").path("clusterIP").asString()).isEqualTo("10.96.0.2");
		assertThat(created.json().path("spec").path("ports").get(0).path("protocol").asString()).isEqualTo("TCP");

		Answer outside = send("POST", "/api/v1/namespaces/default/services", "application/json",
				"{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"far\"},\"spec\":{\"clusterIP\":\"192.168.0.1\",\"ports\":[{\"port\":80}]}}");
		assertStatus(outside, 422, "Invalid",
				"Service \"far\" is invalid: spec.clusterIPs: Invalid value: []string{\"192.168.0.1\"}: failed to allocate IP 192.168.0.1: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12");
		Answer taken = send("POST", "/api/v1/namespaces/default/services", "application/json",
				"{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"twin\"},\"spec\":{\"clusterIP\":\"10.96.0.10\",\"ports\":[{\"port\":80}]}}");
		assertThat(taken.json().path("message").asString()).endsWith("provided IP is already allocated");
	}

	@Test
	void listsComeInPagesWithContinueTokensAndRemainingCounts() throws Exception {
		List<String> all = names(send("GET", "/api/v1/configmaps", null, null).json());
		assertThat(all).hasSizeGreaterThanOrEqualTo(3);
		assertThat(all).isSorted();

		List<String> paged = new ArrayList<>();
		String next = "";
		int pages = 0;
		do {
			JsonNode page = send("GET", "/api/v1/configmaps?limit=1" + (next.isEmpty() ? "" : "&continue=" + next),
					null, null)
				.json();
			paged.addAll(names(page));
			next = page.path("metadata").path("continue").asString("");
			if (!next.isEmpty()) {
				assertThat(page.path("metadata").path("remainingItemCount").asLong())
					.isEqualTo(all.size() - paged.size());
			}
			pages++;
		}
		while (!next.isEmpty());
		assertThat(paged).isEqualTo(all);
		assertThat(pages).isEqualTo(all.size());

		// continue.go: a token that is not base64 or not a token is refused as a bad request
		Answer invalid = send("GET", "/api/v1/configmaps?limit=1&continue=not!a!token", null, null);
		assertStatus(invalid, 400, "BadRequest",
				"invalid continue token: continue key is not valid: illegal base64 data at input byte 3");
	}

	@Test
	void kubectlGetsTablesWithItsColumns() throws Exception {
		Answer pods = get("/api/v1/namespaces/kube-system/pods?limit=500", KUBECTL_ACCEPT);
		assertThat(pods.json().path("kind").asString()).isEqualTo("Table");
		assertThat(pods.json().path("apiVersion").asString()).isEqualTo("meta.k8s.io/v1");
		assertThat(columns(pods.json())).containsExactly("Name/0", "Ready/0", "Status/0", "Restarts/0", "Age/0", "IP/1",
				"Node/1", "Nominated Node/1", "Readiness Gates/1");
		JsonNode row = pods.json().path("rows").get(0);
		assertThat(row.path("object").path("kind").asString()).isEqualTo("PartialObjectMetadata");
		assertThat(row.path("cells").get(2).asString()).isEqualTo("Running");
		assertThat(row.path("cells").get(3).asString()).isEqualTo("0");
		assertThat(row.path("cells").get(4).asString()).isEqualTo("0s");

		Answer configMaps = get(CONFIG_MAPS + "/env", "application/json;as=Table;v=v1;g=meta.k8s.io");
		assertThat(columns(configMaps.json())).containsExactly("Name/0", "Data/0", "Age/0");
		assertThat(configMaps.json().path("rows").get(0).path("cells").get(1).asInt())
			.isEqualTo(Seeds.awsEast().env().size());

		Answer services = get("/api/v1/namespaces/kube-system/services", KUBECTL_ACCEPT);
		assertThat(columns(services.json())).containsExactly("Name/0", "Type/0", "Cluster-IP/0", "External-IP/0",
				"Port(s)/0", "Age/0", "Selector/1");
		assertThat(cells(services.json().path("rows").get(0))).containsExactly("kube-dns", "ClusterIP", "10.96.0.10",
				"<none>", "53/UDP,53/TCP,9153/TCP", "0s", "k8s-app=kube-dns");

		Answer nodes = get("/api/v1/nodes", KUBECTL_ACCEPT);
		assertThat(cells(nodes.json().path("rows").get(0)).subList(0, 5)).containsExactly(Seeds.MASTER, "Ready",
				"control-plane", "0s", "v1.28.2");
		assertThat(columns(get("/apis/apps/v1/daemonsets", KUBECTL_ACCEPT).json())).startsWith(
				"Name/0", "Desired/0", "Current/0", "Ready/0", "Up-to-date/0", "Available/0", "Node Selector/0", "Age/0");
		assertThat(cells(get("/api/v1/namespaces", KUBECTL_ACCEPT).json().path("rows").get(0)))
			.containsExactly("default", "Active", "0s");

		// plain JSON stays the default
		assertThat(get(CONFIG_MAPS, "application/json").json().path("kind").asString())
			.isEqualTo("ConfigMapList");
	}

	@Test
	void aPodWhoseContainerWaitsInCrashLoopBackOffShowsThatStatus() throws Exception {
		send("POST", "/api/v1/namespaces/default/pods", "application/json", """
				{"apiVersion":"v1","kind":"Pod","metadata":{"name":"crashing"},
				 "spec":{"containers":[{"name":"a","image":"busybox"},{"name":"b","image":"busybox"}]},
				 "status":{"phase":"Running","containerStatuses":[
				  {"name":"a","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2026-11-30T00:00:00Z"}}},
				  {"name":"b","ready":false,"restartCount":7,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
				   "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-11-30T00:55:00Z"}}}]}}
				""");

		JsonNode table = get("/api/v1/namespaces/default/pods/crashing", KUBECTL_ACCEPT).json();

		assertThat(cells(table.path("rows").get(0)).subList(0, 4)).containsExactly("crashing", "1/2",
				"CrashLoopBackOff", "7 (5m ago)");
	}

	@Test
	void kubeadmsClusterConfigurationIsWrittenAsKubeadmWritesIt() throws Exception {
		String yaml = send("GET", CONFIG_MAPS + "/kubeadm-config", null, null).json()
			.path("data")
			.path("ClusterConfiguration")
			.asString();

		assertThat(yaml).isEqualTo("""
				apiServer:
				  extraArgs:
				    authorization-mode: Node,RBAC
				  timeoutForControlPlane: 4m0s
				apiVersion: kubeadm.k8s.io/v1beta3
				certificatesDir: /etc/kubernetes/pki
				clusterName: kubernetes
				controllerManager: {}
				dns: {}
				etcd:
				  local:
				    dataDir: /var/lib/etcd
				imageRepository: registry.k8s.io
				kind: ClusterConfiguration
				kubernetesVersion: v1.28.2
				networking:
				  dnsDomain: cluster.local
				  podSubnet: 10.32.0.0/12
				  serviceSubnet: 10.96.0.0/12
				scheduler: {}
				""");
	}

	private static void assertStatus(Answer answer, int code, String reason, String message) {
		assertThat(answer.code()).isEqualTo(code);
		assertThat(answer.json().path("kind").asString()).isEqualTo("Status");
		assertThat(answer.json().path("status").asString()).isEqualTo("Failure");
		assertThat(answer.json().path("code").asInt()).isEqualTo(code);
		assertThat(answer.json().path("reason").asString()).isEqualTo(reason);
		assertThat(answer.json().path("message").asString()).isEqualTo(message);
	}

	private static List<String> columns(JsonNode table) {
		List<String> columns = new ArrayList<>();
		table.path("columnDefinitions").forEach(
				column -> columns.add(column.path("name").asString() + "/" + column.path("priority").asInt()));
		return columns;
	}

	private static List<Object> cells(JsonNode row) {
		List<Object> cells = new ArrayList<>();
		row.path("cells").forEach(cell -> cells.add(cell.isNumber() ? cell.asLong() : cell.asString()));
		return cells;
	}

	private static List<String> names(JsonNode list) {
		List<String> names = new ArrayList<>();
		list.path("items").forEach(item -> names.add(item.path("metadata").path("namespace").asString() + "/"
				+ item.path("metadata").path("name").asString()));
		return names;
	}

	private static String configMap(String name, String resourceVersion) {
		String version = (resourceVersion != null) ? ",\"resourceVersion\":\"" + resourceVersion + "\"" : "";
		return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"" + version
				+ "},\"data\":{\"A\":\"b\"}}";
	}

	private Answer send(String method, String path, String contentType, String body) throws Exception {
		return send(method, path, contentType, body, null);
	}

	private Answer get(String path, String accept) throws Exception {
		return send("GET", path, null, null, accept);
	}

	private Answer send(String method, String path, String contentType, String body, String accept) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(kubernetes.url() + path))
			.timeout(Duration.ofSeconds(10))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), JSON.readTree(response.body()));
	}

	private record Answer(int code, JsonNode json) {

	}

}
