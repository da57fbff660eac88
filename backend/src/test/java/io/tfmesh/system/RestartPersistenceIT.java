package io.tfmesh.system;

import java.nio.file.Path;
import java.util.Map;

import io.tfmesh.TfmeshApplication;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What the run command stores is there again after a restart, credentials included. */
class RestartPersistenceIT {

	@TempDir
	Path dataDir;

	@Test
	void inventoryUsersAndSecretsSurviveARestart() {
		long cloudId;
		long clusterId;
		try (ConfigurableApplicationContext first = start("first-admin-password")) {
			Api admin = api(first).basic("admin", "first-admin-password");
			cloudId = Fixtures.createCloud(admin, "persistent-cloud");
			Api.Response cluster = admin.post("/api/v1/clusters", Fixtures.cluster("persistent-cluster", cloudId));
			assertThat(cluster.status()).as(cluster.toString()).isEqualTo(201);
			clusterId = cluster.json().get("id").asLong();
			assertThat(admin.post("/api/v1/users",
					Map.of("username", "carol", "password", "carol-password", "role", "operator"))
				.status()).isEqualTo(201);
		}

		// a different TFMESH_ADMIN_PASSWORD on a later start does not reset the existing admin
		try (ConfigurableApplicationContext second = start("another-password")) {
			Api api = api(second);
			assertThat(api.basic("admin", "another-password").get("/api/v1/clouds").status()).isEqualTo(401);
			Api carol = api.basic("carol", "carol-password");
			assertThat(carol.get("/api/v1/clouds/" + cloudId).json().get("name").asString())
				.isEqualTo("persistent-cloud");
			assertThat(carol.get("/api/v1/clusters/" + clusterId).json().at("/kubernetes/kubeconfigSet").asBoolean())
				.isTrue();
			io.tfmesh.secret.SecretCipher cipher = second.getBean(io.tfmesh.secret.SecretCipher.class);
			byte[] sealed = second.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
				.queryForObject("SELECT k8s_kubeconfig_secret FROM cluster WHERE id = ?", byte[].class, clusterId);
			assertThat(cipher.decrypt(sealed, "cluster.kubeconfig")).isEqualTo(Fixtures.KUBECONFIG);
			assertThat(api.basic("admin", "first-admin-password").get("/api/v1/audit?objectType=cloud").json()
				.get("totalItems")
				.asLong()).isEqualTo(1);
		}
	}

	private ConfigurableApplicationContext start(String adminPassword) {
		return new SpringApplicationBuilder(TfmeshApplication.class).run("--server.port=0",
				"--tfmesh.data-dir=" + dataDir, "--tfmesh.admin.password=" + adminPassword);
	}

	private static Api api(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new Api("http://localhost:" + port, context.getBean(JsonMapper.class));
	}

}
