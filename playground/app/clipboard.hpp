// Copy and paste with the system clipboard. Dear ImGui asks for the clipboard synchronously,
// but the browser only hands it out in a `paste` event: so the page's paste events (Ctrl+V
// goes to the hidden text field while an ImGui field is active) store the text here before
// ImGui handles the Ctrl+V key in the next frame, and ImGui's copies go out through
// navigator.clipboard.writeText (allowed on localhost/https right after a key press).
#pragma once

struct ImGuiIO;

namespace gramlab::playground {

//! Installs the paste listener and ImGui's clipboard callbacks (after the platform backend).
void install_clipboard(ImGuiIO& io);
//! Puts `text` on the system clipboard (and ImGui's), e.g. a share link.
void copy_to_clipboard(const char* text);

}  // namespace gramlab::playground
