/**
 * Bean Validation constraints for the values requests share (DNS labels, CIDRs, IP addresses,
 * URLs). Other modules may annotate their requests with them.
 */
@NamedInterface("validation")
package io.tfmesh.system.validation;

import org.springframework.modulith.NamedInterface;
