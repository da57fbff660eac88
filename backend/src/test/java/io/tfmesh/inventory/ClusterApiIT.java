package io.tfmesh.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import io.tfmesh.support.Api;
import io.tfmesh.support.Concurrently;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import io.tfmesh.support.ProblemAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.Fixtures.section;
import static io.tfmesh.support.ProblemAssertions.assertConflictOnField;
import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The clusters resource over HTTP: CRUD, lists, validation and optimistic locking. */
class ClusterApiIT extends IntegrationTestSupport {

	private static final String CLUSTERS = "/api/v1/clusters";

	private static final String KUBECONFIG_LEFT_OUT = "kubeconfig auth without kubeconfig";

	/** A self-signed EC certificate, valid until 2126. */
	private static final String CA_CERTIFICATE = """
			-----BEGIN CERTIFICATE-----
			MIIBiTCCAS+gAwIBAgIUHzZini+jXc5znZ2xhhMvSq6tj/kwCgYIKoZIzj0EAwIw
			GTEXMBUGA1UEAwwOdGZtZXNoLXRlc3QtY2EwIBcNMjYxMTI3MDQ1NDE3WhgPMjEy
			NjExMDMwNDU0MTdaMBkxFzAVBgNVBAMMDnRmbWVzaC10ZXN0LWNhMFkwEwYHKoZI
			zj0CAQYIKoZIzj0DAQcDQgAEbV3oChuuCuirUDeZeBtQm47mAci5K8n3V/g76uDE
			lAhgXMX0xdx4+AZg/xnpKCoX1CgGb7H75pG2qWB+nKF2Z6NTMFEwHQYDVR0OBBYE
			FC1GuGamimLl7XMXIwSYHDVSwelCMB8GA1UdIwQYMBaAFC1GuGamimLl7XMXIwSY
			HDVSwelCMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgQFoLafUO
			UewxbRBn9aX3S24gwWXph2nClJGRndaY868CIQDKkFYDpfBewHW7oKM31MZ7gqs2
			CbeLxRbJk6Z+UT8fIg==
			-----END CERTIFICATE-----""";

	@Test
	void createReadUpdateDeleteRoundTrip() {
		Api admin = api.asAdmin();
		String cloudName = unique("home");
		long cloudId = Fixtures.createCloud(admin, cloudName);
		String name = unique("aws-east");
		Map<String, Object> body = Fixtures.cluster(name, cloudId);
		body.put("tfClusterName", "east");
		body.put("bgpAsn", 64601);
		body.put("controlNodes", List.of("10.0.0.10", "10.0.0.11", "fd00::12"));
		body.put("kubeManager", Map.of("namespace", "tungsten", "configMaps", List.of("kube-manager-config")));
		body.put("labels", Map.of("env", "prod", "tfmesh.io/region", "us-east-1"));

		Api.Response created = admin.post(CLUSTERS, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode cluster = created.json();
		long id = cluster.get("id").asLong();
		assertThat(created.header("Location")).endsWith(CLUSTERS + "/" + id);
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		assertThat(cluster.get("name").asString()).isEqualTo(name);
		assertThat(cluster.get("cloudId").asLong()).isEqualTo(cloudId);
		assertThat(cluster.get("cloudName").asString()).isEqualTo(cloudName);
		assertThat(cluster.at("/kubernetes/apiUrl").asString()).isEqualTo("https://10.0.0.1:6443");
		assertThat(cluster.at("/kubernetes/auth").asString()).isEqualTo("kubeconfig");
		assertThat(cluster.at("/kubernetes/kubeconfigSet").asBoolean()).isTrue();
		assertThat(cluster.at("/kubernetes/tokenSet").asBoolean()).isFalse();
		assertThat(cluster.at("/kubernetes/kubeconfig").isMissingNode()).isTrue();
		assertThat(cluster.at("/tungstenFabric/apiUrl").asString()).isEqualTo("http://10.0.0.1:8082");
		assertThat(cluster.at("/tungstenFabric/auth").asString()).isEqualTo("noauth");
		assertThat(cluster.get("tfClusterName").asString()).isEqualTo("east");
		assertThat(cluster.get("bgpAsn").asLong()).isEqualTo(64601);
		assertThat(CloudApiIT.strings(cluster.get("controlNodes"))).containsExactly("10.0.0.10", "10.0.0.11",
				"fd00::12");
		assertThat(cluster.at("/kubeManager/namespace").asString()).isEqualTo("tungsten");
		assertThat(CloudApiIT.strings(cluster.at("/kubeManager/configMaps"))).containsExactly("kube-manager-config");
		assertThat(cluster.at("/labels/env").asString()).isEqualTo("prod");
		assertThat(cluster.at("/labels/tfmesh.io~1region").asString()).isEqualTo("us-east-1");
		assertThat(cluster.get("version").asLong()).isZero();

		Api.Response read = admin.get(CLUSTERS + "/" + id);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.header("ETag")).isEqualTo("\"0\"");
		assertThat(read.json().get("bgpAsn").asLong()).isEqualTo(64601);
		assertThat(read.json().get("labels").size()).isEqualTo(2);

		// replace with version in the body; the kubeconfig is left out and kept
		String otherCloudName = unique("away");
		long otherCloud = Fixtures.createCloud(admin, otherCloudName);
		section(body, "kubernetes").remove("kubeconfig");
		body.put("cloudId", otherCloud);
		body.put("bgpAsn", 4200000000L);
		body.put("controlNodes", List.of("10.0.0.20"));
		body.put("labels", Map.of("env", "staging"));
		body.put("version", 0);
		Api.Response updated = admin.put(CLUSTERS + "/" + id, body);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.header("ETag")).isEqualTo("\"1\"");
		JsonNode after = updated.json();
		assertThat(after.get("cloudId").asLong()).isEqualTo(otherCloud);
		assertThat(after.get("cloudName").asString()).isEqualTo(otherCloudName);
		assertThat(after.get("bgpAsn").asLong()).isEqualTo(4200000000L);
		assertThat(CloudApiIT.strings(after.get("controlNodes"))).containsExactly("10.0.0.20");
		assertThat(after.get("labels").size()).isEqualTo(1);
		assertThat(after.at("/labels/env").asString()).isEqualTo("staging");
		assertThat(after.at("/kubernetes/kubeconfigSet").asBoolean()).isTrue();
		assertThat(after.get("version").asLong()).isEqualTo(1);
		assertThat(admin.get("/api/v1/clouds/" + cloudId).json().get("clusterCount").asLong()).isZero();
		assertThat(admin.get("/api/v1/clouds/" + otherCloud).json().get("clusterCount").asLong()).isEqualTo(1);

		// replace with If-Match
		body.remove("version");
		body.put("tfClusterName", "east2");
		Api.Response ifMatched = admin.header("If-Match", "\"1\"").put(CLUSTERS + "/" + id, body);
		assertThat(ifMatched.status()).as(ifMatched.toString()).isEqualTo(200);
		assertThat(ifMatched.header("ETag")).isEqualTo("\"2\"");
		assertThat(ifMatched.json().get("tfClusterName").asString()).isEqualTo("east2");

		assertThat(admin.header("If-Match", "\"2\"").delete(CLUSTERS + "/" + id).status()).isEqualTo(204);
		assertProblem(admin.get(CLUSTERS + "/" + id), 404, "not-found");
		assertProblem(admin.delete(CLUSTERS + "/" + id), 404, "not-found");
		body.put("version", 2);
		assertProblem(admin.put(CLUSTERS + "/" + id, body), 404, "not-found");
		assertThat(admin.get("/api/v1/clouds/" + otherCloud).json().get("clusterCount").asLong()).isZero();
	}

	@Test
	void leftOutSettingsTakeTungstenFabricDefaults() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("defaults"));
		Map<String, Object> body = Fixtures.cluster(unique("plain"), cloudId);
		body.remove("bgpAsn");
		body.remove("controlNodes");
		Api.Response created = admin.post(CLUSTERS, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode cluster = created.json();
		assertThat(cluster.get("tfClusterName").asString()).isEqualTo("k8s");
		assertThat(cluster.get("bgpAsn").asLong()).isEqualTo(64512);
		assertThat(cluster.get("controlNodes").size()).isZero();
		assertThat(cluster.at("/kubeManager/namespace").asString()).isEqualTo("kube-system");
		assertThat(CloudApiIT.strings(cluster.at("/kubeManager/configMaps"))).containsExactly("env",
				"kube-manager-config");
		assertThat(cluster.get("labels").size()).isZero();
	}

	@Test
	void tokenAuthWithCaCertificateAndKeystoneAreAccepted() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("auth"));
		Map<String, Object> body = Fixtures.clusterWithKeystone(unique("keystone"), cloudId, "ks-" + unique("pw"));
		Map<String, Object> kubernetes = section(body, "kubernetes");
		kubernetes.put("auth", "token");
		kubernetes.remove("kubeconfig");
		kubernetes.put("token", "eyJhbGciOiJSUzI1NiJ9." + unique("tok"));
		kubernetes.put("caCertificate", CA_CERTIFICATE);
		Api.Response created = admin.post(CLUSTERS, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode cluster = created.json();
		assertThat(cluster.at("/kubernetes/auth").asString()).isEqualTo("token");
		assertThat(cluster.at("/kubernetes/caCertificate").asString()).startsWith("-----BEGIN CERTIFICATE-----")
			.endsWith("-----END CERTIFICATE-----");
		assertThat(cluster.at("/kubernetes/tokenSet").asBoolean()).isTrue();
		assertThat(cluster.at("/kubernetes/kubeconfigSet").asBoolean()).isFalse();
		assertThat(cluster.at("/tungstenFabric/auth").asString()).isEqualTo("keystone");
		assertThat(cluster.at("/tungstenFabric/keystone/url").asString()).isEqualTo("http://10.0.0.1:5000/v3");
		assertThat(cluster.at("/tungstenFabric/keystone/username").asString()).isEqualTo("admin");
		assertThat(cluster.at("/tungstenFabric/keystone/project").asString()).isEqualTo("admin");
		assertThat(cluster.at("/tungstenFabric/keystone/passwordSet").asBoolean()).isTrue();
	}

	@Test
	void listFiltersByCloudSearchesAndPaginates() {
		Api admin = api.asAdmin();
		String prefix = unique("lst");
		long cloudA = Fixtures.createCloud(admin, prefix + "-cloud-a");
		long cloudB = Fixtures.createCloud(admin, prefix + "-cloud-b");
		Fixtures.createCluster(admin, prefix + "-z", cloudA);
		Fixtures.createCluster(admin, prefix + "-x", cloudA);
		Fixtures.createCluster(admin, prefix + "-y", cloudB);

		Api.Response first = admin.get(CLUSTERS + "?q=" + prefix + "&size=2&page=0");
		assertThat(CloudApiIT.names(first)).containsExactly(prefix + "-x", prefix + "-y");
		assertThat(first.json().get("totalItems").asLong()).isEqualTo(3);
		assertThat(first.json().get("totalPages").asInt()).isEqualTo(2);
		Api.Response second = admin.get(CLUSTERS + "?q=" + prefix + "&size=2&page=1");
		assertThat(CloudApiIT.names(second)).containsExactly(prefix + "-z");

		assertThat(CloudApiIT.names(admin.get(CLUSTERS + "?cloudId=" + cloudA))).containsExactly(prefix + "-x",
				prefix + "-z");
		assertThat(CloudApiIT.names(admin.get(CLUSTERS + "?cloudId=" + cloudB))).containsExactly(prefix + "-y");

		// q matches the cloud's name too
		assertThat(CloudApiIT.names(admin.get(CLUSTERS + "?q=" + prefix + "-cloud-b"))).containsExactly(prefix + "-y");

		// and the TF cluster name
		String tfName = unique("tfname").replace('-', '_');
		Map<String, Object> body = Fixtures.cluster(unique("by-tf-name"), cloudB);
		body.put("tfClusterName", tfName);
		Fixtures.createCluster(admin, body);
		Api.Response byTfName = admin.get(CLUSTERS + "?q=" + tfName);
		assertThat(byTfName.json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(byTfName.json().get("items").get(0).get("tfClusterName").asString()).isEqualTo(tfName);

		assertInvalidField(admin.get(CLUSTERS + "?size=0"), "size");
		assertInvalidField(admin.get(CLUSTERS + "?size=201"), "size");
	}

	static Stream<Arguments> invalidClusters() {
		return Stream.of(
				invalid("kubernetes.apiUrl not http", (body, id) -> section(body, "kubernetes").put("apiUrl", "ftp://10.0.0.1"),
						"kubernetes.apiUrl", "http"),
				invalid("kubernetes.apiUrl without scheme",
						(body, id) -> section(body, "kubernetes").put("apiUrl", "10.0.0.1:6443"), "kubernetes.apiUrl",
						""),
				invalid("kubernetes.apiUrl without host",
						(body, id) -> section(body, "kubernetes").put("apiUrl", "https:///api"), "kubernetes.apiUrl",
						"host"),
				invalid("kubernetes.apiUrl with credentials",
						(body, id) -> section(body, "kubernetes").put("apiUrl", "https://admin:hunter2@10.0.0.1:6443"),
						"kubernetes.apiUrl", "credentials"),
				invalid("kubernetes.apiUrl not a URL",
						(body, id) -> section(body, "kubernetes").put("apiUrl", "https://exa mple.com"),
						"kubernetes.apiUrl", ""),
				invalid("tungstenFabric.apiUrl not http",
						(body, id) -> section(body, "tungstenFabric").put("apiUrl", "tcp://10.0.0.1:8082"),
						"tungstenFabric.apiUrl", "http"),
				invalid("tungstenFabric.apiUrl without host",
						(body, id) -> section(body, "tungstenFabric").put("apiUrl", "http:/8082"),
						"tungstenFabric.apiUrl", ""),
				invalid("tungstenFabric.apiUrl with credentials",
						(body, id) -> section(body, "tungstenFabric").put("apiUrl", "http://admin:contrail123@10.0.0.1:8082"),
						"tungstenFabric.apiUrl", "credentials"),
				invalid("ASN 0", (body, id) -> body.put("bgpAsn", 0), "bgpAsn", ""),
				invalid("ASN above 32 bits", (body, id) -> body.put("bgpAsn", 4294967296L), "bgpAsn", ""),
				invalid("negative ASN", (body, id) -> body.put("bgpAsn", -64512), "bgpAsn", ""),
				invalid("ASN of the wrong type", (body, id) -> body.put("bgpAsn", "abc"), "bgpAsn", ""),
				invalid("ASN beyond a long", (body, id) -> body.put("bgpAsn", new java.math.BigInteger("99999999999999999999999")),
						"bgpAsn", ""),
				invalid("name with upper case", (body, id) -> body.put("name", "AWS-East"), "name", "DNS label"),
				invalid("name with dot", (body, id) -> body.put("name", "aws.east"), "name", "DNS label"),
				invalid("name ending with dash", (body, id) -> body.put("name", "aws-east-"), "name", "DNS label"),
				invalid("name longer than 63", (body, id) -> body.put("name", "c".repeat(64)), "name", "DNS label"),
				invalid("no name", (body, id) -> body.remove("name"), "name", ""),
				invalid("unknown cloud", (body, id) -> body.put("cloudId", 987654321L), "cloudId", "987654321"),
				invalid("no cloud", (body, id) -> body.remove("cloudId"), "cloudId", ""),
				invalid("kubeconfig that is plain text",
						(body, id) -> section(body, "kubernetes").put("kubeconfig", "just some text"),
						"kubernetes.kubeconfig", "kubeconfig"),
				invalid("kubeconfig that is not YAML",
						(body, id) -> section(body, "kubernetes").put("kubeconfig", "clusters: [unclosed\n  users: {"),
						"kubernetes.kubeconfig", "YAML"),
				invalid("kubeconfig without clusters",
						(body, id) -> section(body, "kubernetes").put("kubeconfig", "apiVersion: v1\nkind: Config\nusers:\n- name: a\n"),
						"kubernetes.kubeconfig", "clusters"),
				invalid("kubeconfig without users", (body, id) -> section(body, "kubernetes").put("kubeconfig",
						"apiVersion: v1\nkind: Config\nclusters:\n- name: a\n  cluster:\n    server: https://10.0.0.1\n"),
						"kubernetes.kubeconfig", "users"),
				invalid(KUBECONFIG_LEFT_OUT, (body, id) -> section(body, "kubernetes").remove("kubeconfig"),
						"kubernetes.kubeconfig", "required"),
				invalid("token auth without token", (body, id) -> section(body, "kubernetes").put("auth", "token"),
						"kubernetes.token", "required"),
				invalid("token with spaces", (body, id) -> {
					section(body, "kubernetes").put("auth", "token");
					section(body, "kubernetes").put("token", "abc def");
				}, "kubernetes.token", "spaces"),
				invalid("unknown kubernetes auth", (body, id) -> section(body, "kubernetes").put("auth", "oidc"),
						"kubernetes.auth", "oidc"),
				invalid("CA that is not a certificate",
						(body, id) -> section(body, "kubernetes").put("caCertificate", "not a certificate"),
						"kubernetes.caCertificate", "PEM"),
				invalid("keystone auth without keystone",
						(body, id) -> section(body, "tungstenFabric").put("auth", "keystone"), "tungstenFabric.keystone",
						"required"),
				invalid("keystone auth without password", (body, id) -> {
					section(body, "tungstenFabric").put("auth", "keystone");
					section(body, "tungstenFabric").put("keystone",
							Map.of("url", "http://10.0.0.1:5000/v3", "username", "admin", "project", "admin"));
				}, "tungstenFabric.keystone.password", "required"),
				invalid("keystone without url", (body, id) -> {
					section(body, "tungstenFabric").put("auth", "keystone");
					section(body, "tungstenFabric").put("keystone",
							Map.of("username", "admin", "password", "secret-pw", "project", "admin"));
				}, "tungstenFabric.keystone.url", ""),
				invalid("keystone url not http", (body, id) -> {
					section(body, "tungstenFabric").put("auth", "keystone");
					section(body, "tungstenFabric").put("keystone", Map.of("url", "ldap://10.0.0.1", "username",
							"admin", "password", "secret-pw", "project", "admin"));
				}, "tungstenFabric.keystone.url", "http"),
				invalid("unknown TF auth", (body, id) -> section(body, "tungstenFabric").put("auth", "rbac"),
						"tungstenFabric.auth", "rbac"),
				invalid("no kubernetes section", (body, id) -> body.remove("kubernetes"), "kubernetes", ""),
				invalid("no tungstenFabric section", (body, id) -> body.remove("tungstenFabric"), "tungstenFabric", ""),
				invalid("control node not an address", (body, id) -> body.put("controlNodes", List.of("10.0.0.256")),
						"controlNodes[0]", ""),
				invalid("control node host name", (body, id) -> body.put("controlNodes", List.of("10.0.0.1", "control-1")),
						"controlNodes[1]", ""),
				invalid("control node with leading zeros", (body, id) -> body.put("controlNodes", List.of("10.0.0.010")),
						"controlNodes[0]", ""),
				invalid("control node listed twice",
						(body, id) -> body.put("controlNodes", List.of("10.0.0.10", "10.0.0.11", "10.0.0.10")),
						"controlNodes[2]", "more than once"),
				invalid("label key with spaces", (body, id) -> body.put("labels", Map.of("bad key", "v")), "labels",
						"bad key"),
				invalid("label key with two slashes", (body, id) -> body.put("labels", Map.of("a/b/c", "v")), "labels",
						"a/b/c"),
				invalid("label key with upper-case prefix", (body, id) -> body.put("labels", Map.of("Example.com/x", "v")),
						"labels", "Example.com/x"),
				invalid("label value too long", (body, id) -> body.put("labels", Map.of("env", "v".repeat(64))),
						"labels.env", ""),
				invalid("label value with spaces", (body, id) -> body.put("labels", Map.of("env", "pro duction")),
						"labels.env", ""),
				invalid("TF cluster name with dots", (body, id) -> body.put("tfClusterName", "k8s.east"),
						"tfClusterName", ""),
				invalid("kube-manager namespace not a label",
						(body, id) -> body.put("kubeManager", Map.of("namespace", "Kube_System", "configMaps", List.of("env"))),
						"kubeManager.namespace", ""),
				invalid("kube-manager without ConfigMaps",
						(body, id) -> body.put("kubeManager", Map.of("namespace", "kube-system", "configMaps", List.of())),
						"kubeManager.configMaps", ""),
				invalid("kube-manager ConfigMap name invalid", (body, id) -> body.put("kubeManager",
						Map.of("namespace", "kube-system", "configMaps", List.of("Env_Config"))),
						"kubeManager.configMaps[0]", ""));
	}

	private static Arguments invalid(String description, BiConsumer<Map<String, Object>, Long> change, String field,
			String messagePart) {
		return Arguments.of(description, change, field, messagePart);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidClusters")
	void invalidClusterIsRefusedNamingTheField(String description, BiConsumer<Map<String, Object>, Long> change,
			String field, String messagePart) {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("host"));
		String name = unique("invalid");
		Map<String, Object> body = Fixtures.cluster(name, cloudId);
		change.accept(body, cloudId);
		String message = assertInvalidField(admin.post(CLUSTERS, body), field);
		assertThat(message).contains(messagePart);
		assertThat(admin.get(CLUSTERS + "?cloudId=" + cloudId).json().get("totalItems").asLong()).isZero();
		if (description.equals(KUBECONFIG_LEFT_OUT)) {
			// on replacement a left-out kubeconfig keeps the stored one
			return;
		}

		// the same holds on replacement, and the stored cluster stays as it was
		String stored = unique("valid");
		long id = Fixtures.createCluster(admin, stored, cloudId);
		Map<String, Object> replacement = Fixtures.cluster(stored, cloudId);
		change.accept(replacement, cloudId);
		replacement.put("version", 0);
		assertInvalidField(admin.put(CLUSTERS + "/" + id, replacement), field);
		JsonNode unchanged = admin.get(CLUSTERS + "/" + id).json();
		assertThat(unchanged.get("version").asLong()).isZero();
		assertThat(unchanged.get("name").asString()).isEqualTo(stored);
		assertThat(unchanged.get("bgpAsn").asLong()).isEqualTo(64512);
		assertThat(unchanged.at("/kubernetes/auth").asString()).isEqualTo("kubeconfig");
	}

	@Test
	void asnBoundsAreInclusive() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("asn"));
		Map<String, Object> low = Fixtures.cluster(unique("asn-low"), cloudId);
		low.put("bgpAsn", 1);
		Api.Response lowCreated = admin.post(CLUSTERS, low);
		assertThat(lowCreated.status()).as(lowCreated.toString()).isEqualTo(201);
		assertThat(lowCreated.json().get("bgpAsn").asLong()).isEqualTo(1);
		Map<String, Object> high = Fixtures.cluster(unique("asn-high"), cloudId);
		high.put("bgpAsn", 4294967295L);
		Api.Response highCreated = admin.post(CLUSTERS, high);
		assertThat(highCreated.status()).as(highCreated.toString()).isEqualTo(201);
		assertThat(highCreated.json().get("bgpAsn").asLong()).isEqualTo(4294967295L);
	}

	@Test
	void fractionalAsnIsRefusedNotTruncated() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("frac"));
		String name = unique("fractional");
		Map<String, Object> body = Fixtures.cluster(name, cloudId);
		body.put("bgpAsn", 64512.7);
		assertInvalidField(admin.post(CLUSTERS, body), "bgpAsn");
		assertThat(admin.get(CLUSTERS + "?q=" + name).json().get("totalItems").asLong()).isZero();
	}

	@Test
	void sameControlNodeSpelledTwoWaysIsADuplicate() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("v6-nodes"));
		String name = unique("v6-nodes");
		Map<String, Object> body = Fixtures.cluster(name, cloudId);
		body.put("controlNodes", List.of("2001:db8::10", "2001:DB8:0:0::10"));
		String message = assertInvalidField(admin.post(CLUSTERS, body), "controlNodes[1]");
		assertThat(message).contains("more than once");
		assertThat(admin.get(CLUSTERS + "?q=" + name).json().get("totalItems").asLong()).isZero();
	}

	@Test
	void concurrentCreatesOfOneNameLetExactlyOneWin() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("rush"));
		String name = unique("rush");
		List<Api.Response> responses = Concurrently.run(6, i -> {
			Map<String, Object> body = Fixtures.cluster(name, cloudId);
			body.put("bgpAsn", 65000 + i);
			return admin.post(CLUSTERS, body);
		});
		assertThat(responses.stream().filter(response -> response.status() == 201).count()).as(responses.toString())
			.isEqualTo(1);
		for (Api.Response response : responses) {
			if (response.status() != 201) {
				assertConflictOnField(response, "name");
			}
		}
		assertThat(admin.get(CLUSTERS + "?q=" + name).json().get("totalItems").asLong()).isEqualTo(1);
	}

	@Test
	void labelValueOfNullNamesTheLabels() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("nul"));
		Map<String, Object> body = Fixtures.cluster(unique("null-label"), cloudId);
		Map<String, Object> labels = new LinkedHashMap<>();
		labels.put("env", null);
		body.put("labels", labels);
		Api.Response response = admin.post(CLUSTERS, body);
		JsonNode problem = assertProblem(response, 400, "invalid-input");
		assertThat(ProblemAssertions.fields(problem)).as(response.toString())
			.anySatisfy(field -> assertThat(field).startsWith("labels"));
	}

	@Test
	void duplicateNameIsAConflictOnName() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("dup"));
		String name = unique("twin");
		long id = Fixtures.createCluster(admin, name, cloudId);
		Map<String, Object> again = Fixtures.cluster(name, cloudId);
		again.put("bgpAsn", 65000);
		JsonNode problem = assertConflictOnField(admin.post(CLUSTERS, again), "name");
		assertThat(problem.get("detail").asString()).contains(name);
		JsonNode list = admin.get(CLUSTERS + "?q=" + name).json();
		assertThat(list.get("totalItems").asLong()).isEqualTo(1);
		assertThat(list.get("items").get(0).get("bgpAsn").asLong()).isEqualTo(64512);

		String other = unique("other");
		long otherId = Fixtures.createCluster(admin, other, cloudId);
		Map<String, Object> rename = Fixtures.cluster(name, cloudId);
		rename.put("version", 0);
		assertConflictOnField(admin.put(CLUSTERS + "/" + otherId, rename), "name");
		assertThat(admin.get(CLUSTERS + "/" + otherId).json().get("name").asString()).isEqualTo(other);
		assertThat(admin.get(CLUSTERS + "/" + id).json().get("name").asString()).isEqualTo(name);
	}

	@Test
	void staleUpdatesAndDeletesAreConflicts() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("locking"));
		String name = unique("locked");
		long id = Fixtures.createCluster(admin, name, cloudId);
		Map<String, Object> first = Fixtures.cluster(name, cloudId);
		first.put("bgpAsn", 65001);
		first.put("version", 0);
		assertThat(admin.put(CLUSTERS + "/" + id, first).status()).isEqualTo(200);

		Map<String, Object> late = Fixtures.cluster(name, cloudId);
		late.put("bgpAsn", 65002);
		late.put("version", 0);
		JsonNode problem = assertProblem(admin.put(CLUSTERS + "/" + id, late), 409, "stale-version");
		assertThat(problem.get("currentVersion").asLong()).isEqualTo(1);
		late.remove("version");
		assertProblem(admin.header("If-Match", "\"0\"").put(CLUSTERS + "/" + id, late), 409, "stale-version");
		late.put("version", 1);
		assertProblem(admin.header("If-Match", "\"0\"").put(CLUSTERS + "/" + id, late), 409, "stale-version");
		assertProblem(admin.header("If-Match", "\"0\"").delete(CLUSTERS + "/" + id), 409, "stale-version");

		JsonNode stored = admin.get(CLUSTERS + "/" + id).json();
		assertThat(stored.get("bgpAsn").asLong()).isEqualTo(65001);
		assertThat(stored.get("version").asLong()).isEqualTo(1);
	}

	@Test
	void updateWithoutVersionIsPreconditionRequired() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("precond"));
		String name = unique("unversioned");
		long id = Fixtures.createCluster(admin, name, cloudId);
		Map<String, Object> change = Fixtures.cluster(name, cloudId);
		change.put("bgpAsn", 65010);
		assertProblem(admin.put(CLUSTERS + "/" + id, change), 428, "precondition-required");
		assertThat(admin.get(CLUSTERS + "/" + id).json().get("bgpAsn").asLong()).isEqualTo(64512);
	}

	@Test
	void unknownClusterIsNotFound() {
		Api admin = api.asAdmin();
		assertProblem(admin.get(CLUSTERS + "/987654321"), 404, "not-found");
		assertProblem(admin.delete(CLUSTERS + "/987654321"), 404, "not-found");
	}

	@Test
	void malformedJsonIsABadRequest() {
		assertProblem(api.asAdmin().post(CLUSTERS, "this is not JSON"), 400, "unreadable-body");
		assertProblem(api.asAdmin().post(CLUSTERS, "{\"name\": \"x\", "), 400, "unreadable-body");
	}

}
