package io.tfmesh.system.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.tfmesh.system.TfmeshSettings;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a PostgreSQL server from Maven artifacts when no external datasource is
 * configured, so that a machine with only a JDK runs tfmesh on the real database.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedDatabaseConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedPostgresServer embeddedPostgresServer(TfmeshSettings settings, EmbeddedDatabaseSettings database) {
		return EmbeddedPostgresServer.start(settings.dataDir().resolve("postgres"), database);
	}

	@Bean
	DataSource dataSource(EmbeddedPostgresServer server) {
		HikariDataSource dataSource = DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.driverClassName("org.postgresql.Driver")
			.url(server.jdbcUrl())
			.username(server.username())
			.password(server.password())
			.build();
		dataSource.setPoolName("tfmesh-embedded");
		return dataSource;
	}

}
