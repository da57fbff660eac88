package io.tfmesh.fabric.introspect;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContrailStatusMappingTest {

	@Test
	void functionalIsActive() {
		ServiceStatus status = ContrailStatusMapping.of(TfService.CONTROL, reporting("Functional", null));

		assertThat(status).isEqualTo(new ServiceStatus("control", "control", "active", null));
		assertThat(status.line()).isEqualTo("control: active");
	}

	@Test
	void nonFunctionalIsInitializingWithItsDescription() {
		ServiceStatus status = ContrailStatusMapping.of(TfService.CONTROL,
				reporting("Non-Functional", "No BGP configuration for self"));

		assertThat(status.state()).isEqualTo("initializing");
		assertThat(status.line()).isEqualTo("control: initializing (No BGP configuration for self)");
	}

	@Test
	void nonFunctionalWithoutDescriptionIsJustInitializing() {
		assertThat(ContrailStatusMapping.of(TfService.VROUTER_AGENT, reporting("Non-Functional", "")).line())
			.isEqualTo("agent: initializing");
	}

	@Test
	void aDescriptionIsAppendedToActiveToo() {
		ServiceStatus status = ContrailStatusMapping.of(TfService.VROUTER_AGENT,
				reporting("Functional", "XMPP:control-node:10.0.0.2 connection down"));

		assertThat(status.line()).isEqualTo("agent: active (XMPP:control-node:10.0.0.2 connection down)");
	}

	@Test
	void anyStateButNonFunctionalStaysActive() {
		assertThat(ContrailStatusMapping.of(TfService.CONFIG_API, reporting("Initializing", null)).state())
			.isEqualTo("active");
	}

	@Test
	void withoutProcessStatusItIsInitializing() {
		ServiceStatus status = ContrailStatusMapping.of(TfService.KUBE_MANAGER, new NodeStatus("", List.of()));

		assertThat(status).isEqualTo(new ServiceStatus("kubernetes", "kube-manager", "initializing", null));
	}

	@Test
	void onlyTheFirstProcessCounts() {
		NodeStatus status = new NodeStatus("n1",
				List.of(new ProcessStatus("contrail-control", "0", "Functional", null, List.of()),
						new ProcessStatus("contrail-control", "1", "Non-Functional", "late", List.of())));

		assertThat(ContrailStatusMapping.of(TfService.CONTROL, status).line()).isEqualTo("control: active");
	}

	@Test
	void aTorConnectionReplacesTheDescription() {
		NodeStatus status = new NodeStatus("n1", List.of(new ProcessStatus("contrail-tor-agent", "0", "Functional",
				"ignored", List.of(new ConnectionInfo("ToR", "tor-1", List.of("10.0.0.9:6632"), "Down", null)))));

		assertThat(ContrailStatusMapping.of(TfService.VROUTER_AGENT, status).description())
			.isEqualTo("ToR:tor-1 connection down");
	}

	@ParameterizedTest
	@EnumSource(names = { "CONFIG_SCHEMA", "CONFIG_SVC_MONITOR", "CONFIG_DEVICE_MANAGER", "KUBE_MANAGER" })
	void aRefusedConnectionIsBackupWhereTheServiceHasOne(TfService service) {
		ServiceStatus status = ContrailStatusMapping.ofFailure(service, failure(Kind.UNREACHABLE));

		assertThat(status.state()).isEqualTo("backup");
		assertThat(status.line()).isEqualTo(service.service() + ": backup");
	}

	@ParameterizedTest
	@EnumSource(names = { "CONTROL", "CONTROL_NODEMGR", "CONFIG_API", "VROUTER_AGENT", "ANALYTICS_COLLECTOR" })
	void aRefusedConnectionIsUnknownWithItsReasonElsewhere(TfService service) {
		assertThat(ContrailStatusMapping.ofFailure(service, failure(Kind.UNREACHABLE)).line())
			.isEqualTo(service.service() + ": unknown (introspect unreachable)");
	}

	@Test
	void anHttpErrorIsInitializingWithTheStatus() {
		FabricException failure = new FabricException("introspect", Kind.SERVER_ERROR, 503, "answered HTTP 503");
		assertThat(ContrailStatusMapping.ofFailure(TfService.CONTROL, failure).line())
			.isEqualTo("control: initializing (introspect answered HTTP 503)");
	}

	@ParameterizedTest
	@EnumSource(names = { "CONTROL", "KUBE_MANAGER" })
	void aTimeoutIsTimeout(TfService service) {
		assertThat(ContrailStatusMapping.ofFailure(service, failure(Kind.TIMEOUT)).line())
			.isEqualTo(service.service() + ": timeout");
	}

	@ParameterizedTest
	@EnumSource(names = { "SERVER_ERROR", "NOT_FOUND", "INVALID_RESPONSE" })
	void anAnswerWithoutNodeStatusIsInitializingEvenWithBackup(Kind kind) {
		assertThat(ContrailStatusMapping.ofFailure(TfService.KUBE_MANAGER, failure(kind)).state())
			.isEqualTo("initializing");
	}

	@Test
	void aStoppedContainerIsInactive() {
		assertThat(ContrailStatusMapping.notRunning(TfService.CONTROL).line()).isEqualTo("control: inactive");
		assertThat(ContrailStatusMapping.notRunning(TfService.CONFIG_DATABASE_ZOOKEEPER).line())
			.isEqualTo("zookeeper: inactive");
	}

	@Test
	void aContainerWhoseStateWasNotReportedIsUnknownNotActive() {
		ServiceStatus status = ContrailStatusMapping.unknown(TfService.CONFIG_DATABASE_RABBITMQ);

		assertThat(status.line()).isEqualTo("rabbitmq: unknown");
		assertThat(ContrailStatusFormat.parseLine("config-database", status.line())).isEqualTo(status);
	}

	@Test
	void aWorkerLineCarriesItsNumber() {
		assertThat(ContrailStatusMapping.of(TfService.CONFIG_API, reporting("Functional", null)).named("api-1").line())
			.isEqualTo("api-1: active");
	}

	@Test
	void aRunningServiceThatIsNotIntrospectedIsActive() {
		assertThat(ContrailStatusMapping.running(TfService.CONTROL_NAMED).line()).isEqualTo("named: active");
		assertThat(ContrailStatusMapping.running(TfService.CONFIG_DATABASE_CASSANDRA))
			.isEqualTo(new ServiceStatus("config-database", "cassandra", "active", null));
	}

	@Test
	void anIntrospectedServiceNeedsItsNodeStatus() {
		assertThatIllegalArgumentException().isThrownBy(() -> ContrailStatusMapping.running(TfService.CONTROL))
			.withMessageContaining("control/control");
	}

	private static NodeStatus reporting(String state, @Nullable String description) {
		return new NodeStatus("n1", List.of(new ProcessStatus("contrail-x", "0", state, description, List.of())));
	}

	private static FabricException failure(Kind kind) {
		return new FabricException("introspect", kind, 0, "test");
	}

}
