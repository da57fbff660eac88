package io.tfmesh.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

}
