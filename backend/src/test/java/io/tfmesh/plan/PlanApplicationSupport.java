package io.tfmesh.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.tfmesh.support.Api;
import io.tfmesh.support.IntegrationTestSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * An application of its own (its own database too) whose clock stands still until a test moves
 * it, with stand-ins for the compiler (it answers the steps a test scripted for a mesh), the
 * intents (none) and the workers (they only move a plan to applying, or to stale when told).
 * Plans' own rules, store, API and observation of the targets are the real ones.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PlanApplicationSupport.StandIns.class)
abstract class PlanApplicationSupport {

	private static final Path DATA_DIR = createDataDir();

	@LocalServerPort
	protected int port;

	@Autowired
	protected MovableClock clock;

	@Autowired
	protected ScriptedCompiler compiler;

	@Autowired
	protected StandInExecution execution;

	@Autowired
	protected JdbcTemplate jdbc;

	@Autowired
	protected JsonMapper json;

	protected Api api;

	@DynamicPropertySource
	static void planProperties(DynamicPropertyRegistry registry) {
		registry.add("tfmesh.data-dir", DATA_DIR::toString);
		registry.add("tfmesh.admin.password", () -> IntegrationTestSupport.ADMIN_PASSWORD);
		registry.add("tfmesh.fabric.observe-interval", () -> "0s");
		registry.add("tfmesh.fabric.observation-timeout", () -> "3s");
		registry.add("tfmesh.plans.sweep-interval", () -> "0s");
		registry.add("tfmesh.security.login.max-failures-per-account", () -> "100000");
		registry.add("tfmesh.security.login.max-failures-per-client", () -> "100000");
	}

	@BeforeEach
	void createApi() {
		api = new Api("http://localhost:" + port, json);
	}

	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-plan-data-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class StandIns {

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
		}

		@Bean
		@Primary
		ScriptedCompiler scriptedCompiler() {
			return new ScriptedCompiler();
		}

		@Bean
		@Primary
		IntentSource noIntents() {
			return meshId -> List.of();
		}

		@Bean
		@Primary
		StandInExecution standInExecution(JdbcTemplate jdbc) {
			return new StandInExecution(jdbc);
		}

	}

	/** A clock that stands still until a test moves it on. */
	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant start) {
			this.now = start;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("tfmesh works in UTC");
		}

	}

	/** Answers, for a mesh, the steps a test scripted for it; nothing for any other mesh. */
	static final class ScriptedCompiler implements PlanCompiler {

		private final Map<Long, CompiledPlan> scripted = new ConcurrentHashMap<>();

		private final Map<Long, PlanningInput> seen = new ConcurrentHashMap<>();

		void script(long meshId, CompiledPlan plan) {
			scripted.put(meshId, plan);
		}

		@Nullable PlanningInput lastInput(long meshId) {
			return seen.get(meshId);
		}

		@Override
		public CompiledPlan compile(PlanningInput input, @Nullable Long onlyCluster) {
			seen.put(input.meshId(), input);
			CompiledPlan plan = scripted.getOrDefault(input.meshId(), new CompiledPlan(List.of(), List.of()));
			return onlyCluster == null ? plan : new CompiledPlan(
					plan.steps().stream().filter(step -> step.clusterId() == onlyCluster).toList(), plan.notes());
		}

	}

	/** Moves an approved plan to applying, or to stale for the plans a test named. */
	static final class StandInExecution implements PlanExecution {

		private final JdbcTemplate jdbc;

		private final Set<Long> stale = ConcurrentHashMap.newKeySet();

		StandInExecution(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		void goesStale(long planId) {
			stale.add(planId);
		}

		@Override
		public PlanState start(long planId, String actor) {
			PlanState to = stale.contains(planId) ? PlanState.STALE : PlanState.APPLYING;
			int changed = jdbc.update("""
					UPDATE plan SET state = ?, apply_started_at = now(), version = version + 1
					WHERE id = ? AND state = 'approved'""", to.id(), planId);
			if (changed == 0) {
				throw new IllegalStateException("plan " + planId + " is not approved");
			}
			return to;
		}

	}

}
