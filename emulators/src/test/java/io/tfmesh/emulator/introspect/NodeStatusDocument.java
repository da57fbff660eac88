package io.tfmesh.emulator.introspect;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reads a NodeStatus answer back into process states, field by field as Sandesh names them. */
final class NodeStatusDocument {

	private NodeStatusDocument() {
	}

	static List<ProcessStatus> processes(String xml) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		Element root = factory.newDocumentBuilder()
			.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
			.getDocumentElement();
		List<ProcessStatus> processes = new ArrayList<>();
		NodeList statuses = root.getElementsByTagName("ProcessStatus");
		for (int i = 0; i < statuses.getLength(); i++) {
			Element status = (Element) statuses.item(i);
			List<ConnectionInfo> connections = new ArrayList<>();
			NodeList infos = status.getElementsByTagName("ConnectionInfo");
			for (int j = 0; j < infos.getLength(); j++) {
				Element info = (Element) infos.item(j);
				List<String> servers = new ArrayList<>();
				NodeList elements = info.getElementsByTagName("element");
				for (int k = 0; k < elements.getLength(); k++) {
					servers.add(elements.item(k).getTextContent());
				}
				connections.add(new ConnectionInfo(child(info, "type"), child(info, "name"), servers,
						child(info, "status"), emptyAsNull(child(info, "description"))));
			}
			processes.add(new ProcessStatus(child(status, "module_id"), child(status, "instance_id"),
					child(status, "state"), emptyAsNull(child(status, "description")), connections));
		}
		return processes;
	}

	private static String child(Element parent, String name) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				return element.getTextContent();
			}
		}
		throw new AssertionError("no " + name + " in " + parent.getTagName());
	}

	private static String emptyAsNull(String text) {
		return text.isEmpty() ? null : text;
	}

}
