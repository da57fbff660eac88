package io.tfmesh.fabric.introspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NodeStatusParserTest {

	// contrail-control's answer on port 8083 as published in "Getting Contrail Node Status"
	static final String CONTROL_NODE = "<?xml-stylesheet type=\"text/xsl\" href=\"/universal_parse.xsl\"?>"
			+ "<__NodeStatusUVE_list type=\"slist\"><NodeStatusUVE type=\"sandesh\"><data type=\"struct\" identifier=\"1\">"
			+ "<NodeStatus><name type=\"string\" identifier=\"1\" key=\"ObjectBgpRouter\">a6s45</name>"
			+ "<process_status type=\"list\" identifier=\"4\" aggtype=\"union\"><list type=\"struct\" size=\"1\">"
			+ "<ProcessStatus><module_id type=\"string\" identifier=\"1\">ControlNode</module_id>"
			+ "<instance_id type=\"string\" identifier=\"2\">0</instance_id>"
			+ "<state type=\"string\" identifier=\"3\">Functional</state>"
			+ "<connection_infos type=\"list\" identifier=\"4\"><list type=\"struct\" size=\"5\">"
			+ "<ConnectionInfo><type type=\"string\" identifier=\"1\">IFMap</type>"
			+ "<name type=\"string\" identifier=\"2\">IFMapServer</name>"
			+ "<server_addrs type=\"list\" identifier=\"3\"><list type=\"string\" size=\"1\">"
			+ "<element>10.84.13.45:8443</element></list></server_addrs>"
			+ "<status type=\"string\" identifier=\"4\">Up</status>"
			+ "<description type=\"string\" identifier=\"5\">Connection with IFMap Server (irond)</description>"
			+ "</ConnectionInfo>"
			+ "<ConnectionInfo><type type=\"string\" identifier=\"1\">Collector</type>"
			+ "<name type=\"string\" identifier=\"2\"></name>"
			+ "<server_addrs type=\"list\" identifier=\"3\"><list type=\"string\" size=\"1\">"
			+ "<element>10.84.13.45:8086</element></list></server_addrs>"
			+ "<status type=\"string\" identifier=\"4\">Up</status>"
			+ "<description type=\"string\" identifier=\"5\">Established</description></ConnectionInfo>"
			+ "<ConnectionInfo><type type=\"string\" identifier=\"1\">Discovery</type>"
			+ "<name type=\"string\" identifier=\"2\">Collector</name>"
			+ "<server_addrs type=\"list\" identifier=\"3\"><list type=\"string\" size=\"1\">"
			+ "<element>10.84.13.45:5998</element></list></server_addrs>"
			+ "<status type=\"string\" identifier=\"4\">Up</status>"
			+ "<description type=\"string\" identifier=\"5\">SubscribeResponse</description></ConnectionInfo>"
			+ "<ConnectionInfo><type type=\"string\" identifier=\"1\">Discovery</type>"
			+ "<name type=\"string\" identifier=\"2\">IfmapServer</name>"
			+ "<server_addrs type=\"list\" identifier=\"3\"><list type=\"string\" size=\"1\">"
			+ "<element>10.84.13.45:5998</element></list></server_addrs>"
			+ "<status type=\"string\" identifier=\"4\">Up</status>"
			+ "<description type=\"string\" identifier=\"5\">SubscribeResponse</description></ConnectionInfo>"
			+ "<ConnectionInfo><type type=\"string\" identifier=\"1\">Discovery</type>"
			+ "<name type=\"string\" identifier=\"2\">xmpp-server</name>"
			+ "<server_addrs type=\"list\" identifier=\"3\"><list type=\"string\" size=\"1\">"
			+ "<element>10.84.13.45:5998</element></list></server_addrs>"
			+ "<status type=\"string\" identifier=\"4\">Up</status>"
			+ "<description type=\"string\" identifier=\"5\">Publish Response - HeartBeat</description>"
			+ "</ConnectionInfo></list></connection_infos>"
			+ "<description type=\"string\" identifier=\"5\"></description></ProcessStatus></list></process_status>"
			+ "</NodeStatus></data></NodeStatusUVE><SandeshUVECacheResp type=\"sandesh\">"
			+ "<returned type=\"u32\" identifier=\"1\">1</returned><more type=\"bool\" identifier=\"0\">false</more>"
			+ "</SandeshUVECacheResp></__NodeStatusUVE_list>";

	// a vrouter agent cut off from its control node, indented as a pretty-printer would
	static final String VROUTER_AGENT_DOWN = """
			<?xml-stylesheet type="text/xsl" href="/universal_parse.xsl"?>
			<__NodeStatusUVE_list type="slist">
			  <NodeStatusUVE type="sandesh">
			    <data type="struct" identifier="1">
			      <NodeStatus>
			        <name type="string" identifier="1" key="ObjectBgpRouter">k8s-worker-1</name>
			        <process_status type="list" identifier="4" aggtype="union">
			          <list type="struct" size="1">
			            <ProcessStatus>
			              <module_id type="string" identifier="1">contrail-vrouter-agent</module_id>
			              <instance_id type="string" identifier="2">0</instance_id>
			              <state type="string" identifier="3">Non-Functional</state>
			              <connection_infos type="list" identifier="4">
			                <list type="struct" size="2">
			                  <ConnectionInfo>
			                    <type type="string" identifier="1">XMPP</type>
			                    <name type="string" identifier="2">control-node:10.177.192.154</name>
			                    <server_addrs type="list" identifier="3">
			                      <list type="string" size="1">
			                        <element>10.177.192.154:5269</element>
			                      </list>
			                    </server_addrs>
			                    <status type="string" identifier="4">Down</status>
			                    <description type="string" identifier="5"/>
			                  </ConnectionInfo>
			                  <ConnectionInfo>
			                    <type type="string" identifier="1">Collector</type>
			                    <name type="string" identifier="2"/>
			                    <server_addrs type="list" identifier="3">
			                      <list type="string" size="1">
			                        <element>10.177.192.154:8086</element>
			                      </list>
			                    </server_addrs>
			                    <status type="string" identifier="4">Up</status>
			                    <description type="string" identifier="5">Established</description>
			                  </ConnectionInfo>
			                </list>
			              </connection_infos>
			              <flag_infos type="list" identifier="5">
			                <list type="struct" size="0"/>
			              </flag_infos>
			              <description type="string" identifier="6">XMPP:control-node:10.177.192.154 connection down, No Configuration for self</description>
			            </ProcessStatus>
			          </list>
			        </process_status>
			      </NodeStatus>
			    </data>
			  </NodeStatusUVE>
			  <SandeshUVECacheResp type="sandesh">
			    <returned type="u32" identifier="1">1</returned>
			    <more type="bool" identifier="0">false</more>
			  </SandeshUVECacheResp>
			</__NodeStatusUVE_list>
			""";

	@Test
	void readsTheControlNodeSample() {
		NodeStatus status = NodeStatusParser.parse(CONTROL_NODE).orElseThrow();

		assertThat(status.name()).isEqualTo("a6s45");
		assertThat(status.processStatus()).hasSize(1);
		ProcessStatus process = status.processStatus().get(0);
		assertThat(process.moduleId()).isEqualTo("ControlNode");
		assertThat(process.instanceId()).isEqualTo("0");
		assertThat(process.state()).isEqualTo("Functional");
		assertThat(process.description()).isNull();
		assertThat(process.connections()).hasSize(5);
		assertThat(process.connections().get(0)).isEqualTo(new ConnectionInfo("IFMap", "IFMapServer",
				List.of("10.84.13.45:8443"), "Up", "Connection with IFMap Server (irond)"));
		assertThat(process.connections().get(1))
			.isEqualTo(new ConnectionInfo("Collector", "", List.of("10.84.13.45:8086"), "Up", "Established"));
		assertThat(process.connections()).extracting(ConnectionInfo::name)
			.containsExactly("IFMapServer", "", "Collector", "IfmapServer", "xmpp-server");
	}

	@Test
	void readsAVrouterAgentWithItsXmppSessionDown() {
		NodeStatus status = NodeStatusParser.parse(VROUTER_AGENT_DOWN).orElseThrow();

		assertThat(status.name()).isEqualTo("k8s-worker-1");
		ProcessStatus process = status.processStatus().get(0);
		assertThat(process.moduleId()).isEqualTo("contrail-vrouter-agent");
		assertThat(process.state()).isEqualTo("Non-Functional");
		assertThat(process.description())
			.isEqualTo("XMPP:control-node:10.177.192.154 connection down, No Configuration for self");
		assertThat(process.connections()).containsExactly(
				new ConnectionInfo("XMPP", "control-node:10.177.192.154", List.of("10.177.192.154:5269"), "Down",
						null),
				new ConnectionInfo("Collector", "", List.of("10.177.192.154:8086"), "Up", "Established"));
	}

	@Test
	void takesTheFirstNodeStatusThatHasProcessStatus() {
		String xml = """
				<__NodeStatusUVE_list type="slist">
				<NodeStatusUVE type="sandesh"><data type="struct" identifier="1"><NodeStatus>
				<name type="string" identifier="1" key="ObjectBgpRouter">from-nodemgr</name>
				<process_info type="list" identifier="5" aggtype="union"><list type="struct" size="0"/></process_info>
				</NodeStatus></data></NodeStatusUVE>
				<NodeStatusUVE type="sandesh"><data type="struct" identifier="1"><NodeStatus>
				<name type="string" identifier="1" key="ObjectBgpRouter">first</name>
				<process_status type="list" identifier="4" aggtype="union"><list type="struct" size="1"><ProcessStatus>
				<module_id type="string" identifier="1">contrail-control</module_id>
				<instance_id type="string" identifier="2">0</instance_id>
				<state type="string" identifier="3">Non-Functional</state>
				<description type="string" identifier="6">No BGP configuration for self</description>
				</ProcessStatus></list></process_status>
				</NodeStatus></data></NodeStatusUVE>
				<NodeStatusUVE type="sandesh"><data type="struct" identifier="1"><NodeStatus>
				<name type="string" identifier="1" key="ObjectBgpRouter">second</name>
				<process_status type="list" identifier="4" aggtype="union"><list type="struct" size="0"/></process_status>
				</NodeStatus></data></NodeStatusUVE>
				</__NodeStatusUVE_list>
				""";

		NodeStatus status = NodeStatusParser.parse(xml).orElseThrow();

		assertThat(status.name()).isEqualTo("first");
		assertThat(status.processStatus()).containsExactly(new ProcessStatus("contrail-control", "0",
				"Non-Functional", "No BGP configuration for self", List.of()));
	}

	@Test
	void keepsAnEmptyProcessList() {
		String xml = "<__NodeStatusUVE_list type=\"slist\"><NodeStatusUVE type=\"sandesh\"><data type=\"struct\">"
				+ "<NodeStatus><name key=\"ObjectBgpRouter\">n1</name>"
				+ "<process_status type=\"list\"><list type=\"struct\" size=\"0\"></list></process_status>"
				+ "</NodeStatus></data></NodeStatusUVE></__NodeStatusUVE_list>";

		assertThat(NodeStatusParser.parse(xml)).contains(new NodeStatus("n1", List.of()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "<__NodeStatusUVE_list type=\"slist\"></__NodeStatusUVE_list>",
			"<__NodeStatusUVE_list><NodeStatusUVE><data><NodeStatus><name>n1</name></NodeStatus></data></NodeStatusUVE>"
					+ "</__NodeStatusUVE_list>" })
	void findsNothingWithoutProcessStatus(String xml) {
		assertThat(NodeStatusParser.parse(xml)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not xml", "<__NodeStatusUVE_list><NodeStatus>", "<html><body>502</body>",
			"{\"NodeStatus\": {}}" })
	void refusesMalformedXml(String text) {
		assertThatExceptionOfType(FabricException.class).isThrownBy(() -> NodeStatusParser.parse(text))
			.satisfies(ex -> {
				assertThat(ex.source()).isEqualTo("introspect");
				assertThat(ex.kind()).isEqualTo(Kind.INVALID_RESPONSE);
			});
	}

	@Test
	void refusesAProcessWithoutState() {
		String xml = "<l><NodeStatus><name>n1</name><process_status><list><ProcessStatus>"
				+ "<module_id>contrail-control</module_id></ProcessStatus></list></process_status></NodeStatus></l>";

		assertThatExceptionOfType(FabricException.class).isThrownBy(() -> NodeStatusParser.parse(xml))
			.satisfies(ex -> assertThat(ex.kind()).isEqualTo(Kind.INVALID_RESPONSE))
			.withMessageContaining("contrail-control");
	}

	@Test
	void doesNotResolveExternalEntities(@TempDir Path dir) throws IOException {
		Path secret = Files.writeString(dir.resolve("secret.txt"), "s3cr3t-from-disk");
		String xml = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>"
				+ "<l><NodeStatus><name>&leak;</name><process_status><list><ProcessStatus>"
				+ "<module_id>m</module_id><instance_id>0</instance_id><state>Functional</state>"
				+ "</ProcessStatus></list></process_status></NodeStatus></l>";

		assertThatExceptionOfType(FabricException.class).isThrownBy(() -> NodeStatusParser.parse(xml))
			.satisfies(ex -> assertThat(ex.kind()).isEqualTo(Kind.INVALID_RESPONSE))
			.withMessageNotContaining("s3cr3t-from-disk");
	}

	@Test
	void doesNotExpandInternalEntities() {
		String xml = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
				+ "<l><NodeStatus><name>&b;</name><process_status><list/></process_status></NodeStatus></l>";

		assertThatExceptionOfType(FabricException.class).isThrownBy(() -> NodeStatusParser.parse(xml))
			.satisfies(ex -> assertThat(ex.kind()).isEqualTo(Kind.INVALID_RESPONSE));
	}

}
