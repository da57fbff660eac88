package io.tfmesh.fabric.introspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;

/**
 * One worker of a config API, as its {@code ConfigApiWorker} UVE lists it (tf-controller's
 * {@code src/config/uve/config_api_worker.sandesh}).
 *
 * @param workerId 0 for the first worker
 * @param introspectPort where the worker answers introspect
 */
public record ConfigApiWorker(int workerId, int introspectPort) {

	/**
	 * The workers of a {@code Snh_SandeshUVECacheReq?x=ConfigApiWorker} answer, by worker id.
	 * @throws FabricException INVALID_RESPONSE when the text is not XML or a worker's id or port
	 * is not a number
	 */
	static List<ConfigApiWorker> parse(String xml) {
		NodeList items = NodeStatusParser.read(xml).getElementsByTagName("ConfigApiWorker");
		List<ConfigApiWorker> workers = new ArrayList<>();
		for (int i = 0; i < items.getLength(); i++) {
			Element item = (Element) items.item(i);
			String id = NodeStatusParser.text(item, "worker_id").trim();
			String port = NodeStatusParser.text(item, "introspect_port").trim();
			try {
				workers.add(new ConfigApiWorker(Integer.parseInt(id), Integer.parseInt(port)));
			}
			catch (NumberFormatException ex) {
				throw new FabricException("introspect", Kind.INVALID_RESPONSE, 0,
						"a ConfigApiWorker has worker_id '" + id + "' and introspect_port '" + port + "'", ex);
			}
		}
		workers.sort(Comparator.comparingInt(ConfigApiWorker::workerId));
		return workers;
	}

}
