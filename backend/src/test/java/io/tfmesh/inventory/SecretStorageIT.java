package io.tfmesh.inventory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.tfmesh.secret.SecretCipher;
import io.tfmesh.secret.SecretUnreadableException;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.Fixtures.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cluster credentials: write-only over the API, encrypted in the database, kept when a
 * replacement leaves them out, dropped when the auth mode no longer uses them.
 */
class SecretStorageIT extends IntegrationTestSupport {

	private static final String CLUSTERS = "/api/v1/clusters";

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private SecretCipher cipher;

	@Test
	void secretsAreNeverReturnedByTheApi() {
		Api admin = api.asAdmin();
		Secrets secrets = Secrets.create();
		long cloudId = Fixtures.createCloud(admin, unique("vault"));
		String prefix = unique("hush");

		Map<String, Object> kubeconfigBody = Fixtures.cluster(prefix + "-kc", cloudId);
		section(kubeconfigBody, "kubernetes").put("kubeconfig", Fixtures.kubeconfig(secrets.kubeconfigToken));
		Api.Response kc = admin.post(CLUSTERS, kubeconfigBody);
		Api.Response tok = admin.post(CLUSTERS, Fixtures.clusterWithToken(prefix + "-tok", cloudId, secrets.token));
		Api.Response ks = admin.post(CLUSTERS, Fixtures.clusterWithKeystone(prefix + "-ks", cloudId, secrets.password));
		for (Api.Response created : List.of(kc, tok, ks)) {
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			secrets.assertAbsentFrom(created.body());
			assertThat(created.body()).doesNotContain("\"kubeconfig\":").doesNotContain("\"token\":")
				.doesNotContain("\"password\":");
		}
		JsonNode kubeconfigCluster = kc.json();
		assertThat(kubeconfigCluster.at("/kubernetes/kubeconfigSet").asBoolean()).isTrue();
		assertThat(kubeconfigCluster.at("/kubernetes/tokenSet").asBoolean()).isFalse();
		JsonNode tokenCluster = tok.json();
		assertThat(tokenCluster.at("/kubernetes/kubeconfigSet").asBoolean()).isFalse();
		assertThat(tokenCluster.at("/kubernetes/tokenSet").asBoolean()).isTrue();
		JsonNode keystoneCluster = ks.json();
		assertThat(keystoneCluster.at("/tungstenFabric/keystone/passwordSet").asBoolean()).isTrue();
		assertThat(keystoneCluster.at("/tungstenFabric/keystone/password").isMissingNode()).isTrue();

		Api viewer = Fixtures.userWithRole(api, "viewer");
		for (Api reader : List.of(admin, viewer)) {
			for (JsonNode cluster : List.of(kubeconfigCluster, tokenCluster, keystoneCluster)) {
				Api.Response single = reader.get(CLUSTERS + "/" + cluster.get("id").asLong());
				assertThat(single.status()).isEqualTo(200);
				secrets.assertAbsentFrom(single.body());
			}
			Api.Response list = reader.get(CLUSTERS + "?q=" + prefix);
			assertThat(list.json().get("totalItems").asLong()).isEqualTo(3);
			secrets.assertAbsentFrom(list.body());
			Api.Response byCloud = reader.get(CLUSTERS + "?cloudId=" + cloudId + "&size=200");
			secrets.assertAbsentFrom(byCloud.body());
			for (JsonNode cluster : List.of(kubeconfigCluster, tokenCluster, keystoneCluster)) {
				Api.Response audit = reader.get("/api/v1/audit?objectType=cluster&objectId=" + cluster.get("id").asLong());
				assertThat(audit.json().get("totalItems").asLong()).isEqualTo(1);
				secrets.assertAbsentFrom(audit.body());
			}
			secrets.assertAbsentFrom(reader.get("/api/v1/audit?size=200").body());
		}

		// nor are they in the audit table itself
		for (String secret : List.of(secrets.kubeconfigToken, secrets.token, secrets.password)) {
			Integer leaking = jdbc.queryForObject(
					"SELECT count(*) FROM audit_event WHERE position(? in coalesce(before_state::text, '') || coalesce(after_state::text, '')) > 0",
					Integer.class, secret);
			assertThat(leaking).as(secret).isZero();
		}
	}

	@Test
	void secretsAreEncryptedAtRestAndBoundToTheirColumn() {
		Api admin = api.asAdmin();
		Secrets secrets = Secrets.create();
		long cloudId = Fixtures.createCloud(admin, unique("at-rest"));
		String kubeconfig = Fixtures.kubeconfig(secrets.kubeconfigToken);
		Map<String, Object> body = Fixtures.clusterWithKeystone(unique("sealed"), cloudId, secrets.password);
		section(body, "kubernetes").put("kubeconfig", kubeconfig);
		long kubeconfigId = Fixtures.createCluster(admin, body);
		long tokenId = Fixtures.createCluster(admin, Fixtures.clusterWithToken(unique("sealed"), cloudId, secrets.token));

		Map<String, Object> first = row(kubeconfigId);
		byte[] sealedKubeconfig = (byte[]) first.get("k8s_kubeconfig_secret");
		byte[] sealedPassword = (byte[]) first.get("tf_keystone_password_secret");
		assertThat(first.get("k8s_token_secret")).isNull();
		assertSealed(sealedKubeconfig, kubeconfig, "cluster.kubeconfig");
		assertSealed(sealedKubeconfig, secrets.kubeconfigToken, "cluster.kubeconfig");
		assertSealed(sealedPassword, secrets.password, "cluster.keystone-password");
		assertThat(cipher.decrypt(sealedKubeconfig, ClusterService.KUBECONFIG)).isEqualTo(kubeconfig);
		assertThat(cipher.decrypt(sealedPassword, ClusterService.KEYSTONE_PASSWORD)).isEqualTo(secrets.password);

		Map<String, Object> second = row(tokenId);
		byte[] sealedToken = (byte[]) second.get("k8s_token_secret");
		assertThat(second.get("k8s_kubeconfig_secret")).isNull();
		assertThat(second.get("tf_keystone_password_secret")).isNull();
		assertSealed(sealedToken, secrets.token, "cluster.kubernetes-token");
		assertThat(cipher.decrypt(sealedToken, ClusterService.TOKEN)).isEqualTo(secrets.token);

		// a ciphertext moved to another column does not decrypt
		assertThatThrownBy(() -> cipher.decrypt(sealedPassword, ClusterService.TOKEN))
			.isInstanceOf(SecretUnreadableException.class);
		assertThatThrownBy(() -> cipher.decrypt(sealedToken, ClusterService.KEYSTONE_PASSWORD))
			.isInstanceOf(SecretUnreadableException.class);

		// no plaintext column of either row holds a secret
		for (Map<String, Object> row : List.of(first, second)) {
			for (Map.Entry<String, Object> column : row.entrySet()) {
				if (!(column.getValue() instanceof byte[])) {
					secrets.assertAbsentFrom(String.valueOf(column.getValue()));
				}
			}
		}
		Integer plain = jdbc.queryForObject("""
				SELECT count(*) FROM cluster
				WHERE position(convert_to(?, 'UTF8') in coalesce(k8s_kubeconfig_secret, ''::bytea)) > 0
				   OR position(convert_to(?, 'UTF8') in coalesce(k8s_token_secret, ''::bytea)) > 0
				   OR position(convert_to(?, 'UTF8') in coalesce(tf_keystone_password_secret, ''::bytea)) > 0""",
				Integer.class, secrets.kubeconfigToken, secrets.token, secrets.password);
		assertThat(plain).isZero();
	}

	@Test
	void sameSecretIsSealedDifferentlyEachTime() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("nonce"));
		String token = "same-" + unique("token");
		long a = Fixtures.createCluster(admin, Fixtures.clusterWithToken(unique("twin-a"), cloudId, token));
		long b = Fixtures.createCluster(admin, Fixtures.clusterWithToken(unique("twin-b"), cloudId, token));
		byte[] sealedA = (byte[]) row(a).get("k8s_token_secret");
		byte[] sealedB = (byte[]) row(b).get("k8s_token_secret");
		assertThat(sealedA).isNotEqualTo(sealedB);
		assertThat(cipher.decrypt(sealedA, ClusterService.TOKEN)).isEqualTo(token);
		assertThat(cipher.decrypt(sealedB, ClusterService.TOKEN)).isEqualTo(token);
	}

	@Test
	void replacementWithoutSecretsKeepsThem() {
		Api admin = api.asAdmin();
		Secrets secrets = Secrets.create();
		long cloudId = Fixtures.createCloud(admin, unique("keep"));
		String name = unique("kept");
		String kubeconfig = Fixtures.kubeconfig(secrets.kubeconfigToken);
		Map<String, Object> body = Fixtures.clusterWithKeystone(name, cloudId, secrets.password);
		section(body, "kubernetes").put("kubeconfig", kubeconfig);
		long id = Fixtures.createCluster(admin, body);
		byte[] kubeconfigBefore = (byte[]) row(id).get("k8s_kubeconfig_secret");
		byte[] passwordBefore = (byte[]) row(id).get("tf_keystone_password_secret");

		// secrets left out, or sent blank, keep their stored value
		Map<String, Object> change = Fixtures.clusterWithKeystone(name, cloudId, null);
		section(change, "kubernetes").remove("kubeconfig");
		change.put("bgpAsn", 65200);
		change.put("version", 0);
		Api.Response updated = admin.put(CLUSTERS + "/" + id, change);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.json().at("/kubernetes/kubeconfigSet").asBoolean()).isTrue();
		assertThat(updated.json().at("/tungstenFabric/keystone/passwordSet").asBoolean()).isTrue();
		assertThat(updated.json().get("bgpAsn").asLong()).isEqualTo(65200);

		Map<String, Object> blank = Fixtures.clusterWithKeystone(name, cloudId, "");
		section(blank, "kubernetes").put("kubeconfig", "   ");
		blank.put("version", 1);
		Api.Response blanked = admin.put(CLUSTERS + "/" + id, blank);
		assertThat(blanked.status()).as(blanked.toString()).isEqualTo(200);
		assertThat(blanked.json().at("/kubernetes/kubeconfigSet").asBoolean()).isTrue();
		assertThat(blanked.json().at("/tungstenFabric/keystone/passwordSet").asBoolean()).isTrue();

		Map<String, Object> stored = row(id);
		assertThat((byte[]) stored.get("k8s_kubeconfig_secret")).isEqualTo(kubeconfigBefore);
		assertThat((byte[]) stored.get("tf_keystone_password_secret")).isEqualTo(passwordBefore);
		assertThat(cipher.decrypt((byte[]) stored.get("k8s_kubeconfig_secret"), ClusterService.KUBECONFIG))
			.isEqualTo(kubeconfig);
		assertThat(cipher.decrypt((byte[]) stored.get("tf_keystone_password_secret"), ClusterService.KEYSTONE_PASSWORD))
			.isEqualTo(secrets.password);

		// a new value replaces the old one
		String newPassword = "rotated-" + unique("pw");
		Map<String, Object> rotate = Fixtures.clusterWithKeystone(name, cloudId, newPassword);
		section(rotate, "kubernetes").remove("kubeconfig");
		rotate.put("version", 2);
		assertThat(admin.put(CLUSTERS + "/" + id, rotate).status()).isEqualTo(200);
		assertThat(cipher.decrypt((byte[]) row(id).get("tf_keystone_password_secret"), ClusterService.KEYSTONE_PASSWORD))
			.isEqualTo(newPassword);
		assertThat(cipher.decrypt((byte[]) row(id).get("k8s_kubeconfig_secret"), ClusterService.KUBECONFIG))
			.isEqualTo(kubeconfig);
	}

	@Test
	void switchingAuthModeDropsTheSecretItNoLongerUses() {
		Api admin = api.asAdmin();
		Secrets secrets = Secrets.create();
		long cloudId = Fixtures.createCloud(admin, unique("switch"));
		String name = unique("switcher");
		Map<String, Object> body = Fixtures.clusterWithKeystone(name, cloudId, secrets.password);
		section(body, "kubernetes").put("kubeconfig", Fixtures.kubeconfig(secrets.kubeconfigToken));
		long id = Fixtures.createCluster(admin, body);

		// kubeconfig -> token, keystone -> noauth
		Map<String, Object> toToken = Fixtures.clusterWithToken(name, cloudId, secrets.token);
		toToken.put("version", 0);
		Api.Response switched = admin.put(CLUSTERS + "/" + id, toToken);
		assertThat(switched.status()).as(switched.toString()).isEqualTo(200);
		assertThat(switched.json().at("/kubernetes/auth").asString()).isEqualTo("token");
		assertThat(switched.json().at("/kubernetes/kubeconfigSet").asBoolean()).isFalse();
		assertThat(switched.json().at("/kubernetes/tokenSet").asBoolean()).isTrue();
		assertThat(switched.json().at("/tungstenFabric/auth").asString()).isEqualTo("noauth");
		assertThat(isAbsent(switched.json().at("/tungstenFabric/keystone"))).isTrue();
		Map<String, Object> stored = row(id);
		assertThat(stored.get("k8s_kubeconfig_secret")).isNull();
		assertThat(stored.get("tf_keystone_password_secret")).isNull();
		assertThat(stored.get("tf_keystone_url")).isNull();
		assertThat(cipher.decrypt((byte[]) stored.get("k8s_token_secret"), ClusterService.TOKEN)).isEqualTo(secrets.token);

		// back to kubeconfig auth: the dropped kubeconfig is not silently reused, one must be sent
		Map<String, Object> back = Fixtures.cluster(name, cloudId);
		section(back, "kubernetes").remove("kubeconfig");
		back.put("version", 1);
		Api.Response refused = admin.put(CLUSTERS + "/" + id, back);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.body()).contains("kubernetes.kubeconfig");
		// and keystone without a password: the dropped one is not reused either
		Map<String, Object> keystoneAgain = Fixtures.clusterWithKeystone(name, cloudId, null);
		section(keystoneAgain, "kubernetes").remove("kubeconfig");
		section(keystoneAgain, "kubernetes").put("auth", "token");
		keystoneAgain.put("version", 1);
		Api.Response noPassword = admin.put(CLUSTERS + "/" + id, keystoneAgain);
		assertThat(noPassword.status()).as(noPassword.toString()).isEqualTo(400);
		assertThat(noPassword.body()).contains("tungstenFabric.keystone.password");

		String newKubeconfig = Fixtures.kubeconfig("again-" + unique("kc"));
		section(back, "kubernetes").put("kubeconfig", newKubeconfig);
		Api.Response restored = admin.put(CLUSTERS + "/" + id, back);
		assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
		assertThat(restored.json().at("/kubernetes/kubeconfigSet").asBoolean()).isTrue();
		assertThat(restored.json().at("/kubernetes/tokenSet").asBoolean()).isFalse();
		stored = row(id);
		assertThat(stored.get("k8s_token_secret")).isNull();
		assertThat(cipher.decrypt((byte[]) stored.get("k8s_kubeconfig_secret"), ClusterService.KUBECONFIG))
			.isEqualTo(newKubeconfig);
	}

	@Test
	void refusedRequestsDoNotEchoSecrets() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("echo"));
		String secret = "echo-" + unique("secret");
		Map<String, Object> badYaml = Fixtures.cluster(unique("echo"), cloudId);
		section(badYaml, "kubernetes").put("kubeconfig", "users:\n- token: " + secret + "\n  - [unbalanced");
		Api.Response yaml = admin.post(CLUSTERS, badYaml);
		assertThat(yaml.status()).isEqualTo(400);
		assertThat(yaml.body()).doesNotContain(secret);

		Map<String, Object> notConfig = Fixtures.cluster(unique("echo"), cloudId);
		section(notConfig, "kubernetes").put("kubeconfig", "token: " + secret + "\n");
		Api.Response config = admin.post(CLUSTERS, notConfig);
		assertThat(config.status()).isEqualTo(400);
		assertThat(config.body()).doesNotContain(secret);

		Map<String, Object> spacedToken = Fixtures.clusterWithToken(unique("echo"), cloudId, secret + " " + secret);
		Api.Response token = admin.post(CLUSTERS, spacedToken);
		assertThat(token.status()).isEqualTo(400);
		assertThat(token.body()).doesNotContain(secret);

		Map<String, Object> urlWithPassword = Fixtures.cluster(unique("echo"), cloudId);
		section(urlWithPassword, "tungstenFabric").put("apiUrl", "http://admin:" + secret + "@10.0.0.1:8082");
		Api.Response url = admin.post(CLUSTERS, urlWithPassword);
		assertThat(url.status()).isEqualTo(400);
		assertThat(url.body()).doesNotContain(secret);
	}

	@Test
	void credentialsInAnOtherwiseInvalidUrlAreNotEchoed() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("echo-url"));
		String secret = "echo-" + unique("secret");
		for (String wrong : List.of("ftp://admin:" + secret + "@10.0.0.1:8082", "http://admin:" + secret + "@/api",
				"http://admin:" + secret + "@10.0.0.1:8082/a b")) {
			Map<String, Object> twiceWrong = Fixtures.cluster(unique("echo"), cloudId);
			section(twiceWrong, "tungstenFabric").put("apiUrl", wrong);
			Api.Response refused = admin.post(CLUSTERS, twiceWrong);
			assertThat(refused.status()).as(wrong).isEqualTo(400);
			assertThat(refused.body()).as(wrong).contains("tungstenFabric.apiUrl").doesNotContain(secret);
		}
	}

	private Map<String, Object> row(long id) {
		return jdbc.queryForMap("SELECT * FROM cluster WHERE id = ?", id);
	}

	private void assertSealed(byte[] sealed, String plaintext, String purpose) {
		assertThat(sealed).as(purpose).isNotNull().isNotEmpty();
		byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
		assertThat(sealed).as(purpose).isNotEqualTo(plain);
		assertThat(indexOf(sealed, plain)).as(purpose + " holds the plaintext").isEqualTo(-1);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as(purpose).doesNotContain(plaintext);
		assertThat(cipher.decrypt(sealed, purpose)).isIn(plaintext, Fixtures.kubeconfig(plaintext));
	}

	private static boolean isAbsent(JsonNode node) {
		return node.isMissingNode() || node.isNull();
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/** Secret values unique to one test, so a search for them finds nothing else. */
	private record Secrets(String kubeconfigToken, String token, String password) {

		static Secrets create() {
			return new Secrets("kc-" + unique("secret"), "tok-" + unique("secret"), "pw-" + unique("secret"));
		}

		void assertAbsentFrom(String text) {
			assertThat(text).doesNotContain(kubeconfigToken).doesNotContain(token).doesNotContain(password);
		}

	}

}
