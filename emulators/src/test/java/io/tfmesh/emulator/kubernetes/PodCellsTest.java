package io.tfmesh.emulator.kubernetes;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Pods as {@code printPod} of {@code pkg/printers/internalversion/printers.go} prints them (see its printers_test.go). */
class PodCellsTest {

	private static final Instant NOW = Instant.parse("2026-11-30T01:00:00Z");

	@Test
	void aRunningPodIsReadyWithoutRestartsAndFillsTheWideColumns() {
		List<Object> cells = PodCells.of(pod("""
				{"metadata":{"name":"web","creationTimestamp":"2026-11-30T00:58:30Z"},
				 "spec":{"nodeName":"n1","containers":[{"name":"a"}]},
				 "status":{"phase":"Running","podIP":"10.32.0.5","podIPs":[{"ip":"10.32.0.5"}],
				  "containerStatuses":[{"name":"a","ready":true,"restartCount":0,"state":{"running":{}}}]}}
				"""), NOW);

		assertThat(cells).containsExactly("web", "1/1", "Running", "0", "90s", "10.32.0.5", "n1", "<none>", "<none>");
	}

	@Test
	void aContainerWaitingWithAReasonGivesTheStatusAndRestartsTellWhenTheLastWas() {
		List<Object> cells = PodCells.of(pod("""
				{"metadata":{"name":"crash","creationTimestamp":"2026-11-29T01:00:00Z"},
				 "spec":{"containers":[{"name":"a"},{"name":"b"}]},
				 "status":{"phase":"Running","containerStatuses":[
				  {"name":"a","ready":true,"restartCount":1,"state":{"running":{}},
				   "lastState":{"terminated":{"exitCode":0,"finishedAt":"2026-11-30T00:00:00Z"}}},
				  {"name":"b","ready":false,"restartCount":4,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
				   "lastState":{"terminated":{"exitCode":2,"finishedAt":"2026-11-30T00:59:00Z"}}}]}}
				"""), NOW);

		assertThat(cells.subList(0, 5)).containsExactly("crash", "1/2", "CrashLoopBackOff", "5 (60s ago)", "24h");
	}

	@Test
	void aTerminatedContainerWithoutReasonShowsItsExitCodeAndADeletedPodTerminates() {
		assertThat(PodCells.of(pod("""
				{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]},
				 "status":{"phase":"Running","containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":3}}}]}}
				"""), NOW).get(2)).isEqualTo("ExitCode:3");
		assertThat(PodCells.of(pod("""
				{"metadata":{"name":"p","deletionTimestamp":"2026-11-30T00:59:00Z"},"spec":{"containers":[{"name":"a"}]},
				 "status":{"phase":"Running","containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}}]}}
				"""), NOW).get(2)).isEqualTo("Terminating");
	}

	@Test
	void anInitContainerStillWorkingShowsInit() {
		List<Object> cells = PodCells.of(pod("""
				{"metadata":{"name":"p"},"spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"a"}]},
				 "status":{"phase":"Pending","initContainerStatuses":[
				  {"name":"i1","state":{"terminated":{"exitCode":0}}},{"name":"i2","state":{"running":{}}}],
				  "containerStatuses":[{"name":"a","state":{"waiting":{"reason":"PodInitializing"}}}]}}
				"""), NOW);

		assertThat(cells.subList(1, 4)).containsExactly("0/1", "Init:1/2", "0");
	}

	private static JsonNode pod(String json) {
		return new JsonMapper().readTree(json);
	}

}
