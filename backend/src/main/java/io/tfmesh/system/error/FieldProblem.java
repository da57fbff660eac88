package io.tfmesh.system.error;

/**
 * What is wrong with one field of a request.
 *
 * @param field the field's path in the request, such as {@code underlayCidrs[0]} or
 * {@code kubernetes.apiUrl}
 * @param message a sentence a person can act on
 */
public record FieldProblem(String field, String message) {
}
