package io.tfmesh.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Request bodies and accounts that tests start from. */
public final class Fixtures {

	public static final String KUBECONFIG = """
			apiVersion: v1
			kind: Config
			clusters:
			- name: test
			  cluster:
			    server: https://10.0.0.1:6443
			users:
			- name: tfmesh
			  user:
			    token: kubeconfig-embedded-secret-token
			contexts:
			- name: test
			  context:
			    cluster: test
			    user: tfmesh
			current-context: test
			""";

	private Fixtures() {
	}

	public static Map<String, Object> cloud(String name) {
		Map<String, Object> cloud = new LinkedHashMap<>();
		cloud.put("name", name);
		cloud.put("provider", "aws");
		cloud.put("region", "us-east-1");
		cloud.put("underlayCidrs", List.of("172.31.0.0/16"));
		cloud.put("underlayGateway", "172.31.0.1");
		return cloud;
	}

	public static Map<String, Object> cluster(String name, long cloudId) {
		Map<String, Object> kubernetes = new LinkedHashMap<>();
		kubernetes.put("apiUrl", "https://10.0.0.1:6443");
		kubernetes.put("auth", "kubeconfig");
		kubernetes.put("kubeconfig", KUBECONFIG);
		Map<String, Object> tf = new LinkedHashMap<>();
		tf.put("apiUrl", "http://10.0.0.1:8082");
		tf.put("auth", "noauth");
		Map<String, Object> cluster = new LinkedHashMap<>();
		cluster.put("name", name);
		cluster.put("cloudId", cloudId);
		cluster.put("kubernetes", kubernetes);
		cluster.put("tungstenFabric", tf);
		cluster.put("bgpAsn", 64512);
		cluster.put("controlNodes", List.of("10.0.0.10"));
		return cluster;
	}

	/** Creates a user with that role through the admin API and returns a client acting as it. */
	public static Api userWithRole(Api api, String role) {
		String username = IntegrationTestSupport.unique(role);
		String password = "password-" + username;
		Api.Response created = api.asAdmin()
			.post("/api/v1/users", Map.of("username", username, "password", password, "role", role));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return api.basic(username, password);
	}

	public static long createCloud(Api admin, String name) {
		Api.Response created = admin.post("/api/v1/clouds", cloud(name));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	/** A kubeconfig whose user authenticates with the given token, so each test can look for its own secret. */
	public static String kubeconfig(String embeddedToken) {
		return KUBECONFIG.replace("kubeconfig-embedded-secret-token", embeddedToken);
	}

	/** A nested object of a request body built by these fixtures, such as {@code kubernetes}. */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> section(Map<String, Object> body, String key) {
		return (Map<String, Object>) body.get(key);
	}

	/** A cluster body that authenticates to Kubernetes with a bearer token. */
	public static Map<String, Object> clusterWithToken(String name, long cloudId, String token) {
		Map<String, Object> cluster = cluster(name, cloudId);
		Map<String, Object> kubernetes = section(cluster, "kubernetes");
		kubernetes.put("auth", "token");
		kubernetes.remove("kubeconfig");
		kubernetes.put("token", token);
		return cluster;
	}

	/** A cluster body whose TF config API uses keystone with that password. */
	public static Map<String, Object> clusterWithKeystone(String name, long cloudId, String password) {
		Map<String, Object> cluster = cluster(name, cloudId);
		Map<String, Object> keystone = new LinkedHashMap<>();
		keystone.put("url", "http://10.0.0.1:5000/v3");
		keystone.put("username", "admin");
		keystone.put("password", password);
		keystone.put("project", "admin");
		Map<String, Object> tf = section(cluster, "tungstenFabric");
		tf.put("auth", "keystone");
		tf.put("keystone", keystone);
		return cluster;
	}

	public static long createCluster(Api admin, Map<String, Object> body) {
		Api.Response created = admin.post("/api/v1/clusters", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	public static long createCluster(Api admin, String name, long cloudId) {
		return createCluster(admin, cluster(name, cloudId));
	}

	/** Creates a user with that role through the admin API and returns its name, id and a client acting as it. */
	public static TestAccount account(Api api, String role) {
		String username = IntegrationTestSupport.unique(role);
		String password = "password-" + username;
		Api.Response created = api.asAdmin()
			.post("/api/v1/users", Map.of("username", username, "password", password, "role", role));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode user = created.json();
		return new TestAccount(user.get("id").asLong(), username, password, api.basic(username, password));
	}

}
