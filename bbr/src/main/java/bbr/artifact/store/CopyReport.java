package bbr.artifact.store;

import java.util.List;
import java.util.stream.Collectors;

/** Which copies of a backup are good, and what went wrong with the others, place by place in the order given. */
public record CopyReport(List<Copy> copies) {

    /** One destination: good when nothing went wrong there. */
    public record Copy(String location, List<String> problems) {
        public boolean isGood() {
            return problems.isEmpty();
        }
    }

    public boolean allGood() {
        return copies.stream().allMatch(Copy::isGood);
    }

    public List<Copy> failed() {
        return copies.stream().filter(c -> !c.isGood()).toList();
    }

    /** One line per copy: {@code LOCATION: good}, or {@code LOCATION: FAILED: what went wrong; …}. */
    public String summary() {
        return copies.stream().map(c -> c.location() + (c.isGood() ? ": good"
                : ": FAILED: " + String.join("; ", c.problems()))).collect(Collectors.joining("\n"));
    }
}
