package io.tfmesh.fabric.tf;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.net.ssl.SSLHandshakeException;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which requests the config API client sends again, after which failures, how often and after
 * what waits: a scripted HttpClient answers, and the waits are recorded instead of waited.
 */
class TfTransportTest {

	private static final String URL = "http://tf-config:8082";

	private static final String UUID = "6b9c1f2e-1c4d-4a5e-9f00-0123456789ab";

	private static final List<String> TEAM_A = List.of("default-domain", "team-a");

	private static final String PROJECT = "{\"project\": {\"uuid\": \"" + UUID
			+ "\", \"fq_name\": [\"default-domain\", \"team-a\"], \"parent_type\": \"domain\"}}";

	private static final String PROJECTS = "{\"projects\": [{\"uuid\": \"" + UUID
			+ "\", \"fq_name\": [\"default-domain\", \"team-a\"], \"href\": \"" + URL + "/project/" + UUID + "\"}]}";

	private final ScriptedHttpClient http = new ScriptedHttpClient();

	private final List<Duration> waits = new ArrayList<>();

	private TfConfigApi api(FabricSettings settings) {
		return new TfConfigApiClient(new TfTransport(URL, http, settings, JsonMapper.builder().build(), null, waits::add),
				URL);
	}

	private TfConfigApi api() {
		return api(FabricSettings.defaults());
	}

	@ParameterizedTest
	@ValueSource(ints = { 502, 503, 504 })
	void retriesAGetAfterAnUnavailableAnswer(int status) {
		http.answer(status, "Service Unavailable").answer(200, PROJECTS);
		assertThat(api().list(Project.TYPE)).containsExactly(new TfRef(Project.TYPE, UUID, TEAM_A));
		assertThat(http.sent()).containsExactly("GET /projects", "GET /projects");
		assertThat(waits).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 403, 404, 409, 500 })
	void answersThatStandAreNotRetried(int status) {
		http.answer(status, "refused");
		assertThatThrownBy(() -> api().list(Project.TYPE)).isInstanceOfSatisfying(FabricException.class,
				ex -> assertThat(ex.status()).isEqualTo(status));
		assertThat(http.sent()).hasSize(1);
		assertThat(waits).isEmpty();
	}

	@Test
	void retriesAPutAndADelete() {
		http.answer(200, PROJECT).answer(503, "").answer(200, "{\"project\": {\"uuid\": \"" + UUID + "\"}}");
		api().update(new Project(UUID, TEAM_A));
		http.answer(504, "").answer(200, "");
		api().delete(Project.TYPE, UUID);
		assertThat(http.sent()).containsExactly("GET /project/" + UUID, "PUT /project/" + UUID, "PUT /project/" + UUID,
				"DELETE /project/" + UUID, "DELETE /project/" + UUID);
		assertThat(waits).hasSize(2);
	}

	static Stream<Arguments> failuresBeforeTheRequestLeft() {
		return Stream.of(Arguments.of(new ConnectException("Connection refused")),
				Arguments.of(new HttpConnectTimeoutException("HTTP connect timed out")));
	}

	@ParameterizedTest
	@MethodSource("failuresBeforeTheRequestLeft")
	void retriesAfterAConnectionThatCouldNotBeOpened(IOException failure) {
		http.fail(failure).answer(200, PROJECTS);
		assertThat(api().list(Project.TYPE)).hasSize(1);
		assertThat(http.sent()).containsExactly("GET /projects", "GET /projects");
	}

	@Test
	void retriesAGetAfterALostConnection() {
		http.fail(new IOException("Connection reset")).answer(200, PROJECTS);
		assertThat(api().list(Project.TYPE)).hasSize(1);
		assertThat(http.sent()).hasSize(2);
	}

	@Test
	void doesNotRetryAGetThatTimedOut() {
		http.fail(new HttpTimeoutException("request timed out"));
		assertThatThrownBy(() -> api().list(Project.TYPE)).isInstanceOfSatisfying(FabricException.class,
				ex -> assertThat(ex.kind()).isEqualTo(Kind.TIMEOUT));
		assertThat(http.sent()).hasSize(1);
		assertThat(waits).isEmpty();
	}

	static Stream<Arguments> failuresThatStand() {
		ConnectException unknownHost = new ConnectException();
		unknownHost.initCause(new UnresolvedAddressException());
		return Stream.of(Arguments.of(unknownHost, "unknown host"),
				Arguments.of(new SSLHandshakeException("PKIX path building failed"), "TLS"));
	}

	@ParameterizedTest
	@MethodSource("failuresThatStand")
	void doesNotRetryAnUnknownHostOrATlsFailure(IOException failure, String message) {
		http.fail(failure);
		assertThatThrownBy(() -> api().list(Project.TYPE)).isInstanceOfSatisfying(FabricException.class, ex -> {
			assertThat(ex.kind()).isEqualTo(Kind.UNREACHABLE);
			assertThat(ex.getMessage()).contains(message);
		});
		assertThat(http.sent()).hasSize(1);
	}

	@Test
	void doesNotRetryWhenInterrupted() {
		http.fail(new InterruptedException());
		try {
			assertThatThrownBy(() -> api().list(Project.TYPE)).isInstanceOfSatisfying(FabricException.class,
					ex -> assertThat(ex.getMessage()).contains("interrupted"));
			assertThat(http.sent()).hasSize(1);
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void givesUpAfterTheConfiguredRetriesWithTheLastAnswer() {
		http.answer(503, "first").answer(502, "second").answer(503, "third");
		assertThatThrownBy(() -> api().list(Project.TYPE)).isInstanceOfSatisfying(FabricException.class, ex -> {
			assertThat(ex.kind()).isEqualTo(Kind.SERVER_ERROR);
			assertThat(ex.status()).isEqualTo(503);
			assertThat(ex.getMessage()).contains("third");
		});
		assertThat(http.sent()).hasSize(3);
		assertThat(waits).hasSize(2);
	}

	@Test
	void noRetriesWhenTurnedOff() {
		http.answer(503, "");
		assertThatThrownBy(() -> api(settings(0)).list(Project.TYPE)).isInstanceOf(FabricException.class);
		assertThat(http.sent()).hasSize(1);
	}

	@Test
	void waitsLongerBeforeEachRetryWithJitterWithinBounds() {
		for (int run = 0; run < 50; run++) {
			waits.clear();
			for (int i = 0; i < 5; i++) {
				http.answer(503, "");
			}
			assertThatThrownBy(() -> api(settings(4)).list(Project.TYPE)).isInstanceOf(FabricException.class);
			// 200 ms doubling, ± 100 ms growing alike, never below 200 ms nor above 2 s
			assertThat(waits).extracting(Duration::toMillis)
				.satisfiesExactly(first -> assertThat(first).isBetween(200L, 300L),
						second -> assertThat(second).isBetween(200L, 600L),
						third -> assertThat(third).isBetween(400L, 1200L),
						fourth -> assertThat(fourth).isBetween(800L, 2000L).isGreaterThan(waits.get(0).toMillis()));
		}
	}

	static Stream<Arguments> failuresAfterThePostMayHaveArrived() {
		return Stream.of(Arguments.of(new ScriptedFailure(502, null)), Arguments.of(new ScriptedFailure(503, null)),
				Arguments.of(new ScriptedFailure(504, null)),
				Arguments.of(new ScriptedFailure(0, new IOException("Connection reset"))),
				Arguments.of(new ScriptedFailure(0, new HttpTimeoutException("request timed out"))));
	}

	@ParameterizedTest
	@MethodSource("failuresAfterThePostMayHaveArrived")
	void readsBackACreationThatFailedAfterItMayHaveArrivedAndTakesWhatItFinds(ScriptedFailure failure) {
		failure.script(http);
		http.answer(200, "{\"uuid\": \"" + UUID + "\"}").answer(200, PROJECT);
		assertThat(api().create(new Project(null, TEAM_A))).isEqualTo(UUID);
		assertThat(http.sent()).containsExactly("POST /projects", "POST /fqname-to-id", "GET /project/" + UUID);
		assertThat(waits).hasSize(1);
	}

	@Test
	void postsAgainOnlyWhenTheReadBackFindsNothing() {
		http.answer(503, "Service Unavailable")
			.answer(404, "Name ['default-domain', 'team-a'] not found")
			.answer(200, "{\"project\": {\"uuid\": \"" + UUID + "\", \"fq_name\": [\"default-domain\", \"team-a\"]}}");
		assertThat(api().create(new Project(null, TEAM_A))).isEqualTo(UUID);
		assertThat(http.sent()).containsExactly("POST /projects", "POST /fqname-to-id", "POST /projects");
	}

	@Test
	void takesAConflictAfterAnUnclearAttemptAsThatAttemptsWork() {
		// the first POST was still running when read back, and finished before the second
		http.fail(new HttpTimeoutException("request timed out"))
			.answer(404, "Name ['default-domain', 'team-a'] not found")
			.answer(409, "['default-domain', 'team-a'] already exists with uuid: " + UUID)
			.answer(200, "{\"uuid\": \"" + UUID + "\"}")
			.answer(200, PROJECT);
		assertThat(api().create(new Project(null, TEAM_A))).isEqualTo(UUID);
		assertThat(http.sent()).containsExactly("POST /projects", "POST /fqname-to-id", "POST /projects",
				"POST /fqname-to-id", "GET /project/" + UUID);
	}

	@Test
	void retriesTheReadBackItselfWhenItIsUnavailable() {
		http.answer(502, "")
			.answer(503, "")
			.answer(200, "{\"uuid\": \"" + UUID + "\"}")
			.answer(200, PROJECT);
		assertThat(api().create(new Project(null, TEAM_A))).isEqualTo(UUID);
		assertThat(http.sent()).containsExactly("POST /projects", "POST /fqname-to-id", "POST /fqname-to-id",
				"GET /project/" + UUID);
		assertThat(waits).hasSize(2);
	}

	@Test
	void postsAgainWithoutReadingBackWhenTheRequestNeverLeft() {
		http.fail(new ConnectException("Connection refused"))
			.answer(200, "{\"project\": {\"uuid\": \"" + UUID + "\"}}");
		assertThat(api().create(new Project(null, TEAM_A))).isEqualTo(UUID);
		assertThat(http.sent()).containsExactly("POST /projects", "POST /projects");
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 409, 500 })
	void doesNotRetryACreationThatWasRefused(int status) {
		http.answer(status, "refused");
		assertThatThrownBy(() -> api().create(new Project(null, TEAM_A))).isInstanceOfSatisfying(FabricException.class,
				ex -> assertThat(ex.status()).isEqualTo(status));
		assertThat(http.sent()).containsExactly("POST /projects");
	}

	@Test
	void anObjectFoundUnderAnotherUuidThanTheOneAskedForIsAConflict() {
		String mine = "0d5a3c7e-0000-4000-8000-000000000001";
		http.answer(503, "").answer(200, "{\"uuid\": \"" + UUID + "\"}");
		assertThatThrownBy(() -> api().create(new Project(mine, TEAM_A))).isInstanceOfSatisfying(FabricException.class,
				ex -> {
					assertThat(ex.kind()).isEqualTo(Kind.CONFLICT);
					assertThat(ex.getMessage()).contains("already exists with uuid: " + UUID);
				});
		assertThat(http.sent()).containsExactly("POST /projects", "POST /fqname-to-id");
	}

	@Test
	void givesUpOnACreationAfterTheRetries() {
		http.answer(503, "")
			.answer(404, "not found")
			.answer(503, "")
			.answer(404, "not found")
			.answer(503, "last");
		assertThatThrownBy(() -> api().create(new Project(null, TEAM_A))).isInstanceOfSatisfying(FabricException.class,
				ex -> assertThat(ex.getMessage()).contains("POST /projects").contains("last"));
		assertThat(http.sent()).containsExactly("POST /projects", "POST /fqname-to-id", "POST /projects",
				"POST /fqname-to-id", "POST /projects");
	}

	@Test
	void retriesALookUpPostLikeAGet() {
		http.answer(503, "").answer(200, "{\"uuid\": \"" + UUID + "\"}");
		assertThat(api().fqNameToId(Project.TYPE, TEAM_A)).isEqualTo(UUID);
		assertThat(http.sent()).containsExactly("POST /fqname-to-id", "POST /fqname-to-id");
	}

	@Test
	void aDeleteThatFindsNothingAfterAnUnclearAttemptHasDeleted() {
		http.answer(502, "Bad Gateway").answer(404, "Unknown id: " + UUID);
		api().delete(Project.TYPE, UUID);
		assertThat(http.sent()).containsExactly("DELETE /project/" + UUID, "DELETE /project/" + UUID);
	}

	@Test
	void aDeleteThatFindsNothingAtFirstIsNotFound() {
		http.answer(404, "Unknown id: " + UUID);
		assertThatThrownBy(() -> api().delete(Project.TYPE, UUID)).isInstanceOfSatisfying(FabricException.class,
				ex -> assertThat(ex.kind()).isEqualTo(Kind.NOT_FOUND));
		// nor after a failure that left the object alone: the connection never opened
		http.fail(new ConnectException("Connection refused")).answer(404, "Unknown id: " + UUID);
		assertThatThrownBy(() -> api().delete(Project.TYPE, UUID)).isInstanceOfSatisfying(FabricException.class,
				ex -> assertThat(ex.kind()).isEqualTo(Kind.NOT_FOUND));
	}

	private static FabricSettings settings(int retries) {
		return new FabricSettings(Duration.ofSeconds(3), Duration.ofSeconds(10), retries, Duration.ofSeconds(20),
				Duration.ofMinutes(5));
	}

	/** An answer with a status, or an exception when the status is 0. */
	record ScriptedFailure(int status, Exception exception) {

		void script(ScriptedHttpClient http) {
			if (exception != null) {
				http.fail(exception);
			}
			else {
				http.answer(status, "unavailable");
			}
		}

		@Override
		public String toString() {
			return exception != null ? exception.toString() : String.valueOf(status);
		}

	}

}
