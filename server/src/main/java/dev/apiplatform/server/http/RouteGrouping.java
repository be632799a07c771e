package dev.apiplatform.server.http;

import jakarta.ws.rs.core.Configuration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.model.ModelProcessor;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceModel;

/**
 * Regroups the children of the {@code @Path("")} root by their first path segment, so that Jersey
 * tries few regexes per request (issue 15).
 *
 * <p>The generated interfaces with a class-level {@code @Path("")} (system, ws, metrics, events,
 * auth) merge into one root resource with ~30 sub-paths. JAX-RS matching is first-match over
 * regexes sorted by literal length, and that root matches everything, so it sorts after every
 * other root: {@code GET /healthz} tried ~13 root and ~25 child regexes (each a new
 * {@code Matcher}). Here each group {@code /seg/...} of that root's children becomes a root
 * resource {@code /seg} whose children are the rest of each path ({@code /events/{eventId}}
 * becomes root {@code /events}, child {@code /{eventId}}; {@code /healthz} becomes root
 * {@code /healthz} with the child's methods). The resource methods themselves are moved, not
 * rebuilt: the same handlers, parameters and annotations, so {@link OperationResolver} and the
 * contract's templates see what they saw before (the matched templates join to the same path).
 *
 * <p>Why routing stays exactly the same (every request picks the same resource method, or gets
 * the same 404 or 405 with the same Allow): a request that matched another root before still
 * does, first (a new root {@code /seg} can only match it if one root is a segment prefix of the
 * other, and the longer one sorts first; a root equal to {@code /seg} keeps that group in the
 * {@code ""} root, see below). A request that reached the {@code ""} root can only match the
 * children of one group (different literal first segments), and the group keeps their order
 * (removing the same prefix keeps Jersey's sort keys in order). The child equal to
 * {@code /seg} becomes the root's own methods, tried before its children; without explicit
 * regexes no other child of the group matches {@code /seg} or {@code /seg/}, so that changes no
 * outcome. OPTIONS methods are added by Jersey's own processor, which runs after this one.
 *
 * <p>What is left alone (kept in the {@code ""} root, so it routes as before): a group with
 * an explicit regex ({@code {id: .*}}), a sub-resource
 * locator, nested children, a trailing or double slash; and a group whose segment is already a
 * root of its own (its children were unreachable behind that root, and merging would make them
 * reachable). When any other root has a template, a child of the {@code ""} root starts with one
 * (it could match any group's paths), or the {@code ""} root has a locator, the model is
 * returned unchanged.
 */
public final class RouteGrouping implements ModelProcessor {

  private static final Pattern REGEX_TEMPLATE = Pattern.compile("\\{[^}]*:");

  @Override
  public ResourceModel processResourceModel(ResourceModel model, Configuration configuration) {
    return regroup(model);
  }

  @Override
  public ResourceModel processSubResource(ResourceModel subResourceModel, Configuration configuration) {
    return subResourceModel; // sub-resource models come from locators: none is regrouped
  }

  /** The model with the {@code ""} root's children regrouped by first segment (or the model itself). */
  static ResourceModel regroup(ResourceModel model) {
    List<Resource> emptyRoots = new ArrayList<>(); // Resource has identity equality
    Set<String> otherRoots = new HashSet<>();
    for (Resource root : model.getRootResources()) {
      if (root.getPath() == null) continue;
      String path = trimSlashes(root.getPath());
      if (path.isEmpty()) {
        if (root.getResourceLocator() != null) return model;
        emptyRoots.add(root);
      } else {
        if (path.indexOf('{') >= 0) return model;
        otherRoots.add(path);
      }
    }
    if (emptyRoots.isEmpty()) return model;

    Map<String, List<Resource>> groups = new LinkedHashMap<>();
    Set<String> keptSegments = new HashSet<>();
    for (Resource root : emptyRoots) {
      for (Resource child : root.getChildResources()) {
        String path = stripLeadingSlash(child.getPath());
        String segment = firstSegment(path);
        // a child whose first segment is not a literal could match any group's paths: left alone
        if (segment.isEmpty() || segment.indexOf('{') >= 0 || segment.indexOf(';') >= 0) return model;
        groups.computeIfAbsent(segment, s -> new ArrayList<>()).add(child);
        if (!movable(child, path) || otherRoots.contains(segment)) keptSegments.add(segment);
      }
    }

    ResourceModel.Builder out = new ResourceModel.Builder(false);
    for (Resource resource : model.getResources()) {
      if (!emptyRoots.contains(resource)) out.addResource(resource);
    }
    List<Resource> kept = new ArrayList<>();
    for (Map.Entry<String, List<Resource>> group : groups.entrySet()) {
      if (keptSegments.contains(group.getKey())) {
        kept.addAll(group.getValue());
      } else {
        out.addResource(groupRoot(group.getKey(), group.getValue()));
      }
    }
    for (Resource root : emptyRoots) {
      boolean keeps = !root.getResourceMethods().isEmpty() || root.getChildResources().stream().anyMatch(kept::contains);
      if (keeps) out.addResource(emptyRoot(root, kept));
    }
    return out.build();
  }

  private static Resource groupRoot(String segment, List<Resource> members) {
    Resource.Builder root = Resource.builder("/" + segment);
    root.name(members.get(0).getName());
    for (Resource member : members) {
      String rest = stripLeadingSlash(member.getPath()).substring(segment.length());
      if (rest.isEmpty()) {
        root.mergeWith(member); // the child at "/segment": its methods become the root's own
      } else {
        root.addChildResource(Resource.builder(member).path(rest).extended(member.isExtended()).build());
      }
    }
    return root.build();
  }

  // the "" root with only the children that stay (and its own methods, if it has any)
  private static Resource emptyRoot(Resource root, List<Resource> kept) {
    Resource.Builder rebuilt = Resource.builder(root.getPath()).name(root.getName()).extended(root.isExtended());
    root.getResourceMethods().forEach(rebuilt::addMethod);
    for (Resource child : root.getChildResources()) {
      if (kept.contains(child)) rebuilt.addChildResource(child);
    }
    return rebuilt.build();
  }

  private static boolean movable(Resource child, String path) {
    if (REGEX_TEMPLATE.matcher(path).find()) return false;
    if (child.getResourceLocator() != null || !child.getChildResources().isEmpty()) return false;
    return !path.endsWith("/") && !path.contains("//");
  }

  private static String firstSegment(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }

  private static String stripLeadingSlash(String path) {
    return path != null && path.startsWith("/") ? path.substring(1) : (path == null ? "" : path);
  }

  private static String trimSlashes(String path) {
    String p = stripLeadingSlash(path);
    while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
    return p;
  }
}
