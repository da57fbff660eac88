package io.tfmesh.system.database;

import java.time.Clock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.tfmesh.system.TfmeshSettings;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a PostgreSQL server from Maven artifacts when no external datasource is
 * configured, so that a machine with only a JDK runs tfmesh on the real database; watches it,
 * and starts it again when it is lost.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedDatabaseConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedPostgresServer embeddedPostgresServer(TfmeshSettings settings, EmbeddedDatabaseSettings database) {
		return EmbeddedPostgresServer.start(settings.dataDir().resolve("postgres"), database);
	}

	/** The pool settings of {@code spring.datasource.hikari.*} apply here as to an external database. */
	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedPostgresServer server) {
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

	@Bean
	EmbeddedDatabaseWatchdog embeddedDatabaseWatchdog(EmbeddedPostgresServer server, HikariDataSource dataSource,
			EmbeddedDatabaseSettings settings, Clock clock) {
		return new EmbeddedDatabaseWatchdog(server, dataSource, settings, clock);
	}

	/** Replaces the {@code db} health indicator, so that readiness goes DOWN the moment the server is lost. */
	@Bean
	HealthIndicator dbHealthIndicator(EmbeddedPostgresServer server, DataSource dataSource) {
		return new EmbeddedDatabaseHealthIndicator(server, dataSource);
	}

	@Bean
	FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(EmbeddedPostgresServer server, JsonMapper json) {
		FilterRegistrationBean<DatabaseOutageFilter> registration = new FilterRegistrationBean<>(
				new DatabaseOutageFilter(server, json));
		// before Spring Security, which would turn a failed password check into 401
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
		return registration;
	}

}
