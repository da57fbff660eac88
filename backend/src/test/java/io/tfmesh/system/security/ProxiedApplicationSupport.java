package io.tfmesh.system.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.tfmesh.support.IntegrationTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An application of its own (its own database too), run as behind a TLS-terminating proxy (the
 * {@code tls-proxy} profile), with small login limits and a clock the tests move on. Its
 * subclasses share it.
 */
@ActiveProfiles("tls-proxy")
@Import(ProxiedApplicationSupport.MovableTime.class)
abstract class ProxiedApplicationSupport extends IntegrationTestSupport {

	static final Duration LOCKOUT = Duration.ofMinutes(10);

	private static final Path DATA_DIR = createDataDir();

	@Autowired
	protected MutableClock clock;

	@DynamicPropertySource
	static void proxiedProperties(DynamicPropertyRegistry registry) {
		registry.add("tfmesh.data-dir", DATA_DIR::toString);
		registry.add("tfmesh.security.login.max-failures-per-account", () -> "3");
		registry.add("tfmesh.security.login.max-failures-per-client", () -> "8");
		registry.add("tfmesh.security.login.lockout", LOCKOUT::toString);
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-proxied-data-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MovableTime {

		@Bean
		@Primary
		MutableClock movableClock() {
			return new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
		}

	}

}
