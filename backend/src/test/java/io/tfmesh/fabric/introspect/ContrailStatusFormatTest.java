package io.tfmesh.fabric.introspect;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContrailStatusFormatTest {

	// the cloudops slide "Periodically we have problems"
	static final String STUCK_CONTROL = """
			== Contrail control ==
			control: initializing (No BGP configuration for self)
			nodemgr: active
			named: active
			dns: active

			""";

	static final String CUT_OFF_VROUTER = """
			== Contrail vrouter ==
			nodemgr: active
			agent: initializing (XMPP:control-node:10.177.192.154 connection down, No Configuration for self)

			""";

	// the one-line install write-up, without the lines it elided
	static final String ONE_LINE_INSTALL = """
			== Contrail control ==
			control: active
			nodemgr: initializing (NTP state unsynchronized. )
			named: active
			dns: active

			== Contrail kubernetes ==
			kube-manager: active

			== Contrail config ==
			api: active
			zookeeper: inactive

			""";

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "control | control: initializing (No BGP configuration for self)",
			"control | nodemgr: active", "control | named: active", "control | dns: active",
			"vrouter | nodemgr: active",
			"vrouter | agent: initializing (XMPP:control-node:10.177.192.154 connection down, No Configuration for self)",
			"control | control: active", "control | 'nodemgr: initializing (NTP state unsynchronized. )'",
			"kubernetes | kube-manager: active", "config | api: active", "config | zookeeper: inactive",
			"config | api-1: active", "kubernetes | kube-manager: backup", "control | control: timeout",
			"control | control: active (Connection with IFMap Server (irond))" })
	void readsBackEveryLine(String pod, String line) {
		ServiceStatus status = ContrailStatusFormat.parseLine(pod, line);

		assertThat(status.pod()).isEqualTo(pod);
		assertThat(status.line()).isEqualTo(line);
	}

	@Test
	void readsTheStuckControlNode() {
		assertThat(ContrailStatusFormat.parseLine("control", "control: initializing (No BGP configuration for self)"))
			.isEqualTo(new ServiceStatus("control", "control", "initializing", "No BGP configuration for self"));
	}

	@Test
	void readsTheCutOffVrouterAgent() {
		assertThat(ContrailStatusFormat.parseLine("vrouter",
				"agent: initializing (XMPP:control-node:10.177.192.154 connection down, No Configuration for self)"))
			.isEqualTo(new ServiceStatus("vrouter", "agent", "initializing",
					"XMPP:control-node:10.177.192.154 connection down, No Configuration for self"));
	}

	@Test
	void keepsTheDescriptionVerbatim() {
		assertThat(ContrailStatusFormat.parseLine("control", "nodemgr: initializing (NTP state unsynchronized. )")
			.description()).isEqualTo("NTP state unsynchronized. ");
	}

	@ParameterizedTest
	@ValueSource(strings = { STUCK_CONTROL, CUT_OFF_VROUTER, ONE_LINE_INSTALL })
	void printsPodsAsContrailStatusDoes(String sample) {
		assertThat(ContrailStatusFormat.text(read(sample))).isEqualTo(sample);
	}

	@Test
	void printsTheSeedBlocksFromStatuses() {
		List<ServiceStatus> statuses = List.of(
				new ServiceStatus("control", "control", "initializing", "No BGP configuration for self"),
				new ServiceStatus("control", "nodemgr", "active", null),
				new ServiceStatus("control", "named", "active", null),
				new ServiceStatus("control", "dns", "active", null),
				new ServiceStatus("vrouter", "nodemgr", "active", null), new ServiceStatus("vrouter", "agent",
						"initializing", "XMPP:control-node:10.177.192.154 connection down, No Configuration for self"));

		assertThat(ContrailStatusFormat.text(statuses)).isEqualTo(STUCK_CONTROL + CUT_OFF_VROUTER);
	}

	@Test
	void groupsAPodsServicesUnderItsFirstHeader() {
		List<ServiceStatus> statuses = List.of(new ServiceStatus("vrouter", "nodemgr", "active", null),
				new ServiceStatus("kubernetes", "kube-manager", "backup", null),
				new ServiceStatus("vrouter", "agent", "timeout", null));

		assertThat(ContrailStatusFormat.text(statuses)).isEqualTo("""
				== Contrail vrouter ==
				nodemgr: active
				agent: timeout

				== Contrail kubernetes ==
				kube-manager: backup

				""");
	}

	@Test
	void printsNothingForNoStatuses() {
		assertThat(ContrailStatusFormat.text(List.of())).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "control", "control:active", "== Contrail control ==", "control: ",
			"control: active(x)", "contrail-control              active" })
	void refusesWhatIsNotALine(String line) {
		assertThatIllegalArgumentException().isThrownBy(() -> ContrailStatusFormat.parseLine("control", line));
	}

	private static List<ServiceStatus> read(String text) {
		List<ServiceStatus> statuses = new ArrayList<>();
		String pod = null;
		for (String line : text.split("\n")) {
			if (line.startsWith("== Contrail ")) {
				pod = line.substring("== Contrail ".length(), line.length() - " ==".length());
			}
			else if (!line.isEmpty()) {
				statuses.add(ContrailStatusFormat.parseLine(pod, line));
			}
		}
		return statuses;
	}

}
