package io.tfmesh.mesh;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import io.tfmesh.system.web.RequestValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The allocation loop waits, with growing and jittered delays, before it tries again after a
 * lost race. The waits are recorded instead of waited.
 */
class AllocationBackoffIT extends IntegrationTestSupport {

	@Autowired
	MeshService meshes;

	@Autowired
	MeshStore meshStore;

	@Autowired
	AllocationStore allocations;

	@Autowired
	ClusterService clusters;

	@Autowired
	ObservationService observations;

	@Autowired
	RequestValidator validator;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog audit;

	@Autowired
	Clock clock;

	@Autowired
	DataSource dataSource;

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	private long meshId;

	private long a;

	private long b;

	@BeforeEach
	void createMesh() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		a = Fixtures.createCluster(admin, unique("a"), cloudId);
		b = Fixtures.createCluster(admin, unique("b"), cloudId);
		Api.Response mesh = admin.post("/api/v1/meshes", Map.of("name", unique("backoff"), "clusterIds", List.of(a, b),
				"pools", List.of(Map.of("kind", "pod", "cidr", "10.0.0.0/8", "defaultPrefixLength", 24),
						Map.of("kind", "service", "cidr", "100.64.0.0/10", "defaultPrefixLength", 24),
						Map.of("kind", "fabric", "cidr", "192.168.0.0/16", "defaultPrefixLength", 24))));
		assertThat(mesh.status()).as(mesh.toString()).isEqualTo(201);
		meshId = mesh.json().get("id").asLong();
	}

	/**
	 * Another client holds 10.0.0.0/24 uncommitted while tfmesh plans: tfmesh does not see it,
	 * proposes the same block, waits on the exclusion constraint and loses when the other
	 * commits. It waits 10 to 15 ms, sees the other's block and takes the next one.
	 */
	@Test
	void aLostRaceIsRetriedAfterAShortWait() throws Exception {
		AllocationService service = service(new TransactionTemplate(transactionManager));
		HikariDataSource hikari = (HikariDataSource) dataSource;
		try (Connection other = DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(),
				hikari.getPassword());
				PreparedStatement insert = other.prepareStatement("""
						INSERT INTO allocation (mesh_id, kind, cluster_id, cidr, created_at, created_by)
						VALUES (?, 'pod', ?, '10.0.0.0/24'::cidr, now(), 'other-client')""")) {
			other.setAutoCommit(false);
			insert.setLong(1, meshId);
			insert.setLong(2, b);
			insert.executeUpdate();

			CompletableFuture<AllocationResult> allocating = CompletableFuture
				.supplyAsync(() -> service.allocate(meshId, podBlockFor(a), null));
			await().atMost(Duration.ofSeconds(30)).until(this::anInsertWaitsForALock);
			other.commit();

			AllocationResult result = allocating.get(30, TimeUnit.SECONDS);
			assertThat(result.clusters().get(0).allocations().get(0).cidr()).isEqualTo("10.0.1.0/24");
		}
		assertThat(waits).hasSize(1);
		assertThat(waits.get(0).toMillis()).isBetween(10L, 15L);
	}

	/** Spring's jitter around 10 ms doubling, capped at 200 ms; then the last race is thrown. */
	@Test
	void waitsLongerAfterEachLostRaceAndGivesUpAfterTheLastAttempt() {
		LosingTransactions losing = new LosingTransactions(Integer.MAX_VALUE, "23P01");
		assertThatThrownBy(() -> service(losing).allocate(meshId, podBlockFor(a), null))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("attempt 20");
		assertThat(losing.attempts).hasValue(AllocationService.ATTEMPTS);
		long[][] bounds = { { 10, 15 }, { 10, 30 }, { 20, 60 }, { 40, 120 }, { 80, 200 } };
		List<Long> millis = waits.stream().map(Duration::toMillis).toList();
		assertThat(millis).hasSize(AllocationService.ATTEMPTS - 1);
		for (int n = 0; n < millis.size(); n++) {
			long[] bound = n < bounds.length ? bounds[n] : new long[] { 100, 200 };
			assertThat(millis.get(n)).as("wait %d", n + 1).isBetween(bound[0], bound[1]);
		}
		// the later waits are longer than the first one, whatever the jitter
		assertThat(millis.subList(5, millis.size())).allSatisfy(wait -> assertThat(wait).isGreaterThan(millis.get(0)));
	}

	@Test
	void aFewLostRacesAreRetriedAndTheAllocationTakesPlace() {
		LosingTransactions losing = new LosingTransactions(3, "40P01");
		AllocationResult result = service(losing).allocate(meshId, podBlockFor(a), null);
		assertThat(result.clusters().get(0).allocations().get(0).cidr()).isEqualTo("10.0.0.0/24");
		assertThat(losing.attempts).hasValue(4);
		assertThat(waits).hasSize(3);
	}

	@Test
	void aViolationThatIsNoRaceIsNotRetried() {
		// foreign key violation: no retry can fix it
		LosingTransactions losing = new LosingTransactions(Integer.MAX_VALUE, "23503");
		assertThatThrownBy(() -> service(losing).allocate(meshId, podBlockFor(a), null))
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(losing.attempts).hasValue(1);
		assertThat(waits).isEmpty();
	}

	private AllocationService service(TransactionTemplate transaction) {
		return new AllocationService(meshes, meshStore, allocations, clusters, observations, validator, transaction,
				jdbc, json, audit, clock, waits::add);
	}

	private static AllocationRequest podBlockFor(long clusterId) {
		return new AllocationRequest(List.of(clusterId), List.of(Kind.POD), null, null, null, false);
	}

	private boolean anInsertWaitsForALock() {
		Long waiting = jdbc.queryForObject("""
				SELECT count(*) FROM pg_stat_activity
				WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO allocation (%'""", Long.class);
		return waiting != null && waiting > 0;
	}

	/** Transactions that fail as a lost race would, {@code losses} times, then run. */
	private final class LosingTransactions extends TransactionTemplate {

		private final int losses;

		private final String sqlState;

		final AtomicInteger attempts = new AtomicInteger();

		LosingTransactions(int losses, String sqlState) {
			super(transactionManager);
			this.losses = losses;
			this.sqlState = sqlState;
		}

		@Override
		public <T> T execute(TransactionCallback<T> action) throws TransactionException {
			int attempt = attempts.incrementAndGet();
			if (attempt <= losses) {
				throw new DataIntegrityViolationException("attempt " + attempt,
						new SQLException("lost attempt " + attempt, sqlState));
			}
			return super.execute(action);
		}

	}

}
