package io.tfmesh.fabric.tf;

import java.util.List;

import io.tfmesh.fabric.FabricException;

/**
 * The TF config API (contrail-api, port 8082) of one cluster. Every method throws only
 * {@link FabricException}, with source {@code tungsten-fabric}.
 */
public interface TfConfigApi {

	/** {@code GET /<type>s}: uuid and fq_name of every object of a type. */
	List<TfRef> list(String type);

	List<Project> projects();

	List<NetworkIpam> networkIpams();

	List<VirtualNetwork> virtualNetworks();

	List<NetworkPolicy> networkPolicies();

	List<BgpRouter> bgpRouters();

	/**
	 * {@code GET /instance-ips?detail=True}: the address of every instance-ip, the addresses the
	 * API server refuses to take away when a subnet is removed (409).
	 */
	List<String> instanceIpAddresses();

	/**
	 * The {@code default-global-system-config}.
	 * @throws FabricException NOT_FOUND when the cluster has none
	 */
	GlobalSystemConfig globalSystemConfig();

	/** {@code GET /<type>/<uuid>}. */
	<T extends TfObject> T read(Class<T> kind, String uuid);

	/**
	 * {@code POST /<type>s}: creates the object under the parent its fq_name names. When the
	 * answer is lost (502, 503, 504, a broken connection, a timeout), the object is looked up by
	 * its fq_name before the POST is sent again, so a retried creation makes one object at most
	 * and answers with the one the lost attempt made.
	 * @return the uuid the server gave it
	 */
	String create(TfObject object);

	/**
	 * {@code PUT /<type>/<uuid>}: makes the modelled fields of the stored object equal to the
	 * given ones. Only fields that differ are sent, so what tfmesh does not model (subnet uuids,
	 * default gateways, authentication keys and the like) stays as it is.
	 * @param object must carry its uuid
	 */
	void update(TfObject object);

	/**
	 * Makes the object named by its fq_name end with the modelled fields given: creates it when
	 * there is none, updates it when a modelled field differs (as {@link #update(TfObject)}),
	 * and sends no write when everything is in place already, so that running it again changes
	 * nothing. The given uuid, if any, is used only for a creation.
	 * @return what was done
	 */
	Written write(TfObject object);

	void delete(String type, String uuid);

	/** {@code POST /fqname-to-id}. */
	String fqNameToId(String type, List<String> fqName);

	/** What {@link #write(TfObject)} did. */
	enum Written {

		CREATED, UPDATED, UNCHANGED

	}

}
