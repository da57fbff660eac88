package io.tfmesh.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import io.tfmesh.TfmeshApplication;
import io.tfmesh.system.database.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** With SPRING_DATASOURCE_URL set, tfmesh uses that server and starts none of its own. */
class ExternalDatabaseIT {

	@TempDir
	Path dataDir;

	@TempDir
	Path externalDir;

	@Test
	void aConfiguredDatasourceIsUsedAndMigrated() throws Exception {
		try (EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(externalDir).start();
				ConfigurableApplicationContext tfmesh = new SpringApplicationBuilder(TfmeshApplication.class).run(
						"--server.port=0", "--tfmesh.data-dir=" + dataDir, "--tfmesh.admin.password=external-admin",
						"--spring.datasource.url=" + external.getJdbcUrl("postgres", "postgres"),
						"--spring.datasource.username=postgres")) {
			assertThat(tfmesh.getBeansOfType(EmbeddedPostgresServer.class)).isEmpty();
			assertThat(dataDir.resolve("postgres")).doesNotExist();
			try (Connection connection = external.getPostgresDatabase().getConnection();
					ResultSet users = connection.createStatement()
						.executeQuery("SELECT username FROM app_user WHERE role = 'ADMIN'")) {
				assertThat(users.next()).isTrue();
				assertThat(users.getString(1)).isEqualTo("admin");
			}
		}
	}

}
