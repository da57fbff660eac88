package io.tfmesh.fabric.introspect;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;

/**
 * Reads the Sandesh XML of {@code Snh_SandeshUVECacheReq?x=NodeStatus}. Sandesh wraps every
 * list in a {@code list} element ({@code process_status/list/ProcessStatus},
 * {@code server_addrs/list/element}).
 */
public final class NodeStatusParser {

	private static final String SOURCE = "introspect";

	private NodeStatusParser() {
	}

	/**
	 * The first NodeStatus that has a {@code process_status}, as contrail-status takes it.
	 * @return empty when the answer holds no such NodeStatus
	 * @throws FabricException INVALID_RESPONSE when the text is not well-formed XML or declares
	 * a DTD
	 */
	public static Optional<NodeStatus> parse(String xml) {
		Document document = read(xml);
		NodeList items = document.getElementsByTagName("NodeStatus");
		for (int i = 0; i < items.getLength(); i++) {
			Element item = (Element) items.item(i);
			Element processStatus = child(item, "process_status");
			if (processStatus != null) {
				List<ProcessStatus> processes = new ArrayList<>();
				for (Element process : listItems(processStatus, "ProcessStatus")) {
					processes.add(process(process));
				}
				return Optional.of(new NodeStatus(text(item, "name"), processes));
			}
		}
		return Optional.empty();
	}

	private static ProcessStatus process(Element process) {
		List<ConnectionInfo> connections = new ArrayList<>();
		Element infos = child(process, "connection_infos");
		if (infos != null) {
			for (Element info : listItems(infos, "ConnectionInfo")) {
				List<String> addresses = new ArrayList<>();
				Element serverAddrs = child(info, "server_addrs");
				if (serverAddrs != null) {
					for (Element element : listItems(serverAddrs, "element")) {
						addresses.add(element.getTextContent());
					}
				}
				connections.add(new ConnectionInfo(text(info, "type"), text(info, "name"), addresses,
						text(info, "status"), optionalText(info, "description")));
			}
		}
		Element state = child(process, "state");
		if (state == null) {
			throw new FabricException(SOURCE, Kind.INVALID_RESPONSE, 0,
					"a ProcessStatus of module '" + text(process, "module_id") + "' has no state");
		}
		return new ProcessStatus(text(process, "module_id"), text(process, "instance_id"), state.getTextContent(),
				optionalText(process, "description"), connections);
	}

	static Document read(String xml) {
		try {
			DocumentBuilder builder = factory().newDocumentBuilder();
			// without it the JDK parser prints every syntax error to stderr
			builder.setErrorHandler(new DefaultHandler());
			return builder.parse(new InputSource(new StringReader(xml)));
		}
		catch (SAXException | IOException ex) {
			throw new FabricException(SOURCE, Kind.INVALID_RESPONSE, 0,
					"the NodeStatus answer is not valid XML: " + ex.getMessage(), ex);
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException("the JDK's XML parser lacks a required security feature", ex);
		}
	}

	// Introspect answers come from the network: no DTDs, so no external or expanding entities.
	private static DocumentBuilderFactory factory() throws ParserConfigurationException {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
		factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
		factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		factory.setXIncludeAware(false);
		factory.setExpandEntityReferences(false);
		factory.setNamespaceAware(false);
		return factory;
	}

	private static List<Element> listItems(Element holder, String name) {
		List<Element> items = new ArrayList<>();
		Element list = child(holder, "list");
		if (list != null) {
			for (Node node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
				if (node instanceof Element element && element.getTagName().equals(name)) {
					items.add(element);
				}
			}
		}
		return items;
	}

	private static @Nullable Element child(Element parent, String name) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				return element;
			}
		}
		return null;
	}

	static String text(Element parent, String name) {
		Element element = child(parent, name);
		return element == null ? "" : element.getTextContent();
	}

	private static @Nullable String optionalText(Element parent, String name) {
		String text = text(parent, name);
		return text.isEmpty() ? null : text;
	}

}
