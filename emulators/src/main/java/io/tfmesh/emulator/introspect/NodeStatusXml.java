package io.tfmesh.emulator.introspect;

import java.util.List;

import org.jspecify.annotations.Nullable;


/**
 * The answer of {@code Snh_SandeshUVECacheReq?x=NodeStatus} as a Sandesh process writes it:
 * typed, numbered fields (the identifiers of process_info.sandesh), each list inside a
 * {@code list} element, and the cache trailer.
 */
final class NodeStatusXml {

	private NodeStatusXml() {
	}

	static String of(String nodeName, ProcessStatus process) {
		StringBuilder xml = new StringBuilder(2048);
		xml.append("<?xml-stylesheet type=\"text/xsl\" href=\"/universal_parse.xsl\"?>")
			.append("<__NodeStatusUVE_list type=\"slist\"><NodeStatusUVE type=\"sandesh\">")
			.append("<data type=\"struct\" identifier=\"1\"><NodeStatus>")
			.append("<name type=\"string\" identifier=\"1\" key=\"ObjectBgpRouter\">")
			.append(escape(nodeName))
			.append("</name>")
			.append("<process_status type=\"list\" identifier=\"4\" aggtype=\"union\"><list type=\"struct\" size=\"1\">")
			.append("<ProcessStatus>");
		string(xml, "module_id", 1, process.moduleId());
		string(xml, "instance_id", 2, process.instanceId());
		string(xml, "state", 3, process.state());
		List<ConnectionInfo> connections = process.connections();
		xml.append("<connection_infos type=\"list\" identifier=\"4\"><list type=\"struct\" size=\"")
			.append(connections.size())
			.append("\">");
		for (ConnectionInfo connection : connections) {
			xml.append("<ConnectionInfo>");
			string(xml, "type", 1, connection.type());
			string(xml, "name", 2, connection.name());
			xml.append("<server_addrs type=\"list\" identifier=\"3\"><list type=\"string\" size=\"")
				.append(connection.serverAddrs().size())
				.append("\">");
			for (String address : connection.serverAddrs()) {
				xml.append("<element>").append(escape(address)).append("</element>");
			}
			xml.append("</list></server_addrs>");
			string(xml, "status", 4, connection.status());
			string(xml, "description", 5, connection.description());
			xml.append("</ConnectionInfo>");
		}
		xml.append("</list></connection_infos>")
			.append("<flag_infos type=\"list\" identifier=\"5\"><list type=\"struct\" size=\"0\"></list></flag_infos>");
		string(xml, "description", 6, process.description());
		xml.append("</ProcessStatus></list></process_status></NodeStatus></data></NodeStatusUVE>")
			.append("<SandeshUVECacheResp type=\"sandesh\"><returned type=\"u32\" identifier=\"1\">1</returned>")
			.append("<more type=\"bool\" identifier=\"0\">false</more></SandeshUVECacheResp>")
			.append("</__NodeStatusUVE_list>");
		return xml.toString();
	}

	private static void string(StringBuilder xml, String field, int identifier, @Nullable String value) {
		xml.append('<')
			.append(field)
			.append(" type=\"string\" identifier=\"")
			.append(identifier)
			.append("\">")
			.append(value == null ? "" : escape(value))
			.append("</")
			.append(field)
			.append('>');
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
