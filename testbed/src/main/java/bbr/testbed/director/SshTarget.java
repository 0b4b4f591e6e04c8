package bbr.testbed.director;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which instances an SSH request targets, with the Director's rules (DIR {@code jobs/ssh.rb} Target, director-api.md
 * §7.5): {@code job} filters the group; non-empty {@code ids} win, an all-digit id meaning an index; else
 * {@code indexes}; else the whole group.
 */
final class SshTarget {

    private final String job;
    private final List<?> ids;
    private final List<?> indexes;

    private SshTarget(String job, List<?> ids, List<?> indexes) {
        this.job = job;
        this.ids = ids;
        this.indexes = indexes;
    }

    static SshTarget from(Object target) {
        Map<?, ?> map = target instanceof Map<?, ?> m ? m : Map.of();
        Object job = map.get("job");
        return new SshTarget(job == null ? null : job.toString(), list(map.get("ids")), list(map.get("indexes")));
    }

    List<Instance> select(Deployment deployment) {
        boolean idsGiven = ids != null && !ids.isEmpty();
        boolean indexesGiven = indexes != null && !indexes.isEmpty();
        if (ids == null && !indexesGiven) {
            // The Director iterates @ids unguarded: a request without "ids" crashes its task.
            throw new TaskFailure(TaskFailure.GENERIC_CODE, "undefined method `each' for nil:NilClass");
        }
        List<String> indexFilter = new ArrayList<>();
        List<String> uuidFilter = new ArrayList<>();
        if (!idsGiven && indexesGiven) {
            indexes.forEach(i -> indexFilter.add(i.toString()));
        } else if (idsGiven) {
            for (Object id : ids) {
                (id.toString().matches("\\d+") ? indexFilter : uuidFilter).add(id.toString());
            }
        }
        List<Instance> selected = deployment.instances().stream()
                .filter(i -> job == null || i.group().equals(job))
                .filter(i -> indexFilter.isEmpty() || indexFilter.contains(Integer.toString(i.index())))
                .filter(i -> uuidFilter.isEmpty() || uuidFilter.contains(i.id()))
                .toList();
        if (selected.isEmpty()) {
            throw new TaskFailure(TaskFailure.GENERIC_CODE, "No instance with a VM in deployment '"
                    + deployment.name() + "' matched filter " + rubyFilter(indexFilter, uuidFilter));
        }
        return selected;
    }

    /** The target as Ruby's Hash#inspect prints it, for the task description "ssh: setup:{...}". */
    static String describe(Object target) {
        if (!(target instanceof Map<?, ?> map)) {
            return String.valueOf(target);
        }
        return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\"=>" + ruby(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private String rubyFilter(List<String> indexFilter, List<String> uuidFilter) {
        List<String> parts = new ArrayList<>();
        if (job != null) {
            parts.add(":job=>\"" + job + "\"");
        }
        if (!indexFilter.isEmpty()) {
            parts.add(":index=>" + indexFilter.stream().collect(Collectors.joining(", ", "[", "]")));
        }
        if (!uuidFilter.isEmpty()) {
            parts.add(":uuid=>" + uuidFilter.stream().map(u -> "\"" + u + "\"")
                    .collect(Collectors.joining(", ", "[", "]")));
        }
        return "{" + String.join(", ", parts) + "}";
    }

    private static String ruby(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SshTarget::ruby).collect(Collectors.joining(", ", "[", "]"));
        }
        return value == null ? "nil" : value.toString();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : null;
    }
}
